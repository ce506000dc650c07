using System.Globalization;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Commands;

/// <summary>`test-kavenegar --receptor … [--method send|lookup|both]`, run in-process: really sends, prints Kavenegar's answer.</summary>
public sealed class TestKavenegarCommandTests : StandInFixture
{
    private const string Template = "pilito-test";

    private PilitoApp _withTemplate = null!;

    [OneTimeSetUp]
    public void CreateAppWithTemplate()
    {
        Kavenegar.AddTemplate(Template);
        _withTemplate = new PilitoApp(Kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:Template"] = Template });
    }

    [OneTimeTearDown]
    public async Task StopAppWithTemplateAsync()
    {
        if (_withTemplate is not null)
            await _withTemplate.DisposeAsync();
    }

    [Test]
    public async Task Successful_send_exits_zero_and_prints_Kavenegar_answer()
    {
        var phone = Phones.NextNational();

        var result = await OperatorCommand.RunAsync(App, "test-kavenegar", "--receptor", phone, "--method", "send");

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        var messageId = Kavenegar.MessagesTo(phone).Single().MessageId.ToString(CultureInfo.InvariantCulture);
        Assert.That(result.Lines, Is.SupersetOf(new[]
        {
            "✅ sms/send: Approved (200)",
            "   HTTP status:      200",
            "   Kavenegar status: 200",
            "   Persian message:  تایید شد",
            $"   Message id:       {messageId}",
            "   Cost:             120",
        }));
    }

    [Test]
    public async Task Send_goes_to_the_receptor_in_national_form_with_the_given_message()
    {
        var phone = Phones.NextNational();

        await OperatorCommand.RunAsync(App, "test-kavenegar", "--receptor", Phones.ToE164(phone), "--message", "آزمایش پیلیتو");

        var send = Kavenegar.SendsTo(phone).Single();
        Assert.That(send["message"], Is.EqualTo("آزمایش پیلیتو"));
        Assert.That(send.ApiKey, Is.EqualTo(KavenegarStandIn.ValidKey));
    }

    [Test]
    public async Task Lookup_without_a_template_exits_one_with_the_reason_and_sends_nothing()
    {
        var phone = Phones.NextNational();

        var result = await OperatorCommand.RunAsync(App, "test-kavenegar", "--receptor", phone, "--method", "lookup");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(result.Line("❌ verify/lookup:"),
            Is.EqualTo("❌ verify/lookup: Kavenegar:Template is not set: verify/lookup needs a template approved in the Kavenegar panel"));
        Assert.That(Kavenegar.Calls.Where(c => c["receptor"] == phone), Is.Empty);
    }

    [Test]
    public async Task Both_with_a_template_makes_two_attempts()
    {
        var phone = Phones.NextNational();

        var result = await OperatorCommand.RunAsync(_withTemplate, "test-kavenegar", "--receptor", phone, "--method", "both");

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Line("✅ sms/send:"), Is.EqualTo("✅ sms/send: Approved (200)"));
        Assert.That(result.Line("✅ verify/lookup:"), Is.EqualTo("✅ verify/lookup: Approved (200)"));
        Assert.That(result.Lines.Where(l => l.StartsWith("   Message id:", StringComparison.Ordinal)), Has.Exactly(2).Items);
        Assert.That(Kavenegar.SendsTo(phone), Has.Count.EqualTo(1));
        Assert.That(Kavenegar.LookupsTo(phone).Single()["template"], Is.EqualTo(Template));
    }

    [Test]
    public async Task Receptor_Kavenegar_refuses_exits_one_with_Invalid_receptor_411()
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.Status(411));

        var result = await OperatorCommand.RunAsync(App, "test-kavenegar", "--receptor", phone);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(result.Line("❌ sms/send:"), Is.EqualTo("❌ sms/send: Invalid receptor (411)"));
        Assert.That(result.Lines, Does.Contain("   HTTP status:      411"));
        Assert.That(result.Lines, Does.Contain("   Kavenegar status: 411"));
    }

    [TestCase("02112345678")]
    [TestCase("not-a-phone")]
    public async Task Invalid_receptor_format_exits_two_and_calls_nothing(string receptor)
    {
        var before = Kavenegar.Calls.Count;

        var result = await OperatorCommand.RunAsync(App, "test-kavenegar", "--receptor", receptor);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Output);
        Assert.That(result.Line("❌ Receptor:"), Is.EqualTo("❌ Receptor: Please provide a valid Iranian phone number"));
        Assert.That(Kavenegar.Calls, Has.Count.EqualTo(before));
    }

    [Test]
    public async Task Unknown_method_exits_two()
    {
        var result = await OperatorCommand.RunAsync(App, "test-kavenegar", "--receptor", Phones.NextNational(), "--method", "fax");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Output);
        Assert.That(result.Line("❌ Method:"), Is.EqualTo("❌ Method: Method must be send, lookup or both."));
    }
}
