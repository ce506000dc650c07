using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Kavenegar;

/// <summary>With Kavenegar:Template set, codes go through verify/lookup (Kavenegar's OTP path), not sms/send.</summary>
public sealed class LookupTests : StandInFixture
{
    private const string Template = "pilito-otp";

    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar)
    {
        kavenegar.AddTemplate(Template);
        return new PilitoApp(kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:Template"] = Template });
    }

    [Test]
    public async Task Code_goes_through_verify_lookup_with_the_template_and_the_code_as_token()
    {
        var phone = Phones.NextNational();

        var code = await Client.RequestCodeAsync(phone);

        var lookup = Kavenegar.LookupsTo(phone).Single();
        Assert.That(lookup.ApiKey, Is.EqualTo(KavenegarStandIn.ValidKey));
        Assert.That(lookup["receptor"], Is.EqualTo(phone), "national form");
        Assert.That(lookup["template"], Is.EqualTo(Template));
        Assert.That(lookup["token"], Is.EqualTo(code));
    }

    [Test]
    public async Task Code_sent_by_lookup_makes_no_sms_send()
    {
        var phone = Phones.NextNational();

        await Client.RequestCodeAsync(phone);

        Assert.That(Kavenegar.Calls.Where(c => c.Method == "sms/send"), Is.Empty);
        Assert.That(Kavenegar.SendsTo(phone), Is.Empty);
    }

    [Test]
    public async Task Lookup_message_id_is_kept_on_the_token()
    {
        var phone = Phones.NextNational();

        await Client.RequestCodeAsync(phone);

        var lookup = Kavenegar.MessagesTo(phone).Single();
        Assert.That(lookup.Method, Is.EqualTo("verify/lookup"));
        var row = await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone));
        Assert.That(row["Status"], Is.EqualTo("Sent"));
        Assert.That(row["ProviderMessageId"], Is.EqualTo(lookup.MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task Code_from_a_lookup_signs_in()
    {
        var phone = Phones.NextNational();
        await Client.RequestCodeAsync(phone);
        var token = Kavenegar.LookupsTo(phone).Single()["token"]!;

        using var response = await Client.VerifyOtpAsync(phone, token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Template_not_approved_in_the_panel_is_a_502_Template_not_found_424()
    {
        await using var app = new PilitoApp(Kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:Template"] = "not-approved" });
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        using var response = await client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo("Failed to send OTP: Template not found (424)"));
        Assert.That(Kavenegar.LookupsTo(phone).Single()["template"], Is.EqualTo("not-approved"));
    }
}
