using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.SmsIr;

/// <summary>`test-sms --provider SmsIr` and `check-otp-config` with Sms:Providers = [Kavenegar, SmsIr], run in-process.</summary>
public sealed class SmsIrOperatorCommandTests : SmsIrFixture
{
    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => NewApp(kavenegar.BaseUrl, Providers("Kavenegar", "SmsIr"));

    [Test]
    public async Task Test_sms_through_sms_ir_sends_its_template_and_prints_its_answer()
    {
        var phone = Phones.NextNational();

        var result = await OperatorCommand.RunAsync(App, "test-sms", "--provider", "SmsIr", "--receptor", phone);

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        var sent = SmsIr.VerifiesTo(phone).Single();
        Assert.That(sent.TemplateId, Is.EqualTo(SmsIrStandIn.Template));
        Assert.That(sent.Parameters["Code"], Does.Match("^[0-9]{6}$"));
        Assert.That(result.Lines, Is.SupersetOf(new[]
        {
            "✅ send/verify: Done (1)",
            "   HTTP status:      200",
            "   SmsIr status:     1",
            "   Persian message:  موفق",
            "   Cost:             1",
        }));
        Assert.That(result.Line("   Message id:"), Does.Match(@"^   Message id:\s+[0-9]+$"));
        Assert.That(Kavenegar.SendsTo(phone), Is.Empty);
    }

    [Test]
    public async Task Test_sms_without_a_provider_goes_to_the_first_listed()
    {
        var phone = Phones.NextNational();

        var result = await OperatorCommand.RunAsync(App, "test-sms", "--receptor", phone);

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Lines, Does.Contain("   Kavenegar status: 200"));
        Assert.That(Kavenegar.SendsTo(phone), Has.Count.EqualTo(1));
        Assert.That(SmsIr.VerifiesTo(phone), Is.Empty);
    }

    [Test]
    public async Task Test_sms_refused_by_sms_ir_exits_one_with_the_reason()
    {
        var phone = Phones.NextNational();
        SmsIr.SetMobile(phone, new StandInBehaviour.Status(115));

        var result = await OperatorCommand.RunAsync(App, "test-sms", "--provider", "SmsIr", "--receptor", phone);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Lines, Does.Contain("❌ send/verify: Mobile number blacklisted (115)"));
    }

    [Test]
    public async Task Test_sms_with_an_unknown_provider_names_the_choices_and_sends_nothing()
    {
        var before = SmsIr.Calls.Count + Kavenegar.Calls.Count;

        var result = await OperatorCommand.RunAsync(App, "test-sms", "--provider", "Pigeon", "--receptor", Phones.NextNational());

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Output, Does.Contain("Provider must be Kavenegar or SmsIr."));
        Assert.That(SmsIr.Calls.Count + Kavenegar.Calls.Count, Is.EqualTo(before));
    }

    [Test]
    public async Task Check_otp_config_describes_and_probes_each_provider_in_order()
    {
        var result = await OperatorCommand.RunAsync(App, "check-otp-config", "--online");

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Line("✅ SMS provider:"),
            Is.EqualTo("✅ SMS provider: Kavenegar, then SmsIr (the next only when the one before certainly sent nothing)"));
        Assert.That(result.Line("✅ sms.ir API key:"), Does.Contain("****").And.Not.Contain(SmsIrStandIn.ValidKey));
        Assert.That(result.Line("✅ sms.ir template:"), Is.EqualTo("✅ sms.ir template: send/verify with template 123456: the code in #Code#"));
        Assert.That(result.Line("✅ sms.ir reachable:"), Is.EqualTo("✅ sms.ir reachable: credit answered"));
        Assert.That(result.Line("✅ sms.ir API key accepted:"), Is.EqualTo("✅ sms.ir API key accepted: Done (1)"));
        Assert.That(result.Line("✅ sms.ir credit:"), Does.Match(@"^✅ sms\.ir credit: [0-9,]+ SMS left$"));
        Assert.That(result.Output.IndexOf("✅ Kavenegar reachable", StringComparison.Ordinal),
            Is.LessThan(result.Output.IndexOf("✅ sms.ir reachable", StringComparison.Ordinal)), "in Sms:Providers order");
    }

    [Test]
    public async Task Check_otp_config_names_a_refused_sms_ir_key()
    {
        var settings = Providers("Kavenegar", "SmsIr");
        settings["SmsIr:ApiKey"] = "smsir-unknown-key-000000";
        await using var app = NewApp(Kavenegar.BaseUrl, settings);

        var result = await OperatorCommand.RunAsync(app, "check-otp-config", "--online");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Line("❌ sms.ir API key accepted:"), Does.StartWith("❌ sms.ir API key accepted: Invalid API key (10): the key is wrong or disabled"));
    }
}
