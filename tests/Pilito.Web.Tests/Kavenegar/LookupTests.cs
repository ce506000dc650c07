using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Kavenegar;

/// <summary>With Kavenegar:Template set, codes go through verify/lookup (Kavenegar's OTP path), not sms/send.</summary>
public sealed class LookupTests
{
    private const string Template = "pilito-otp";

    private KavenegarStandIn _kavenegar = null!;
    private PilitoApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _kavenegar = await KavenegarStandIn.StartAsync();
        _kavenegar.AddTemplate(Template);
        _app = new PilitoApp(_kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:Template"] = Template });
        _client = _app.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _kavenegar.DisposeAsync();
    }

    [Test]
    public async Task Code_goes_through_verify_lookup_with_the_template_and_the_code_as_token()
    {
        var phone = Phones.NextNational();

        var code = await _client.RequestCodeAsync(phone);

        var lookup = _kavenegar.LookupsTo(phone).Single();
        Assert.That(lookup.ApiKey, Is.EqualTo(KavenegarStandIn.ValidKey));
        Assert.That(lookup["receptor"], Is.EqualTo(phone), "national form");
        Assert.That(lookup["template"], Is.EqualTo(Template));
        Assert.That(lookup["token"], Is.EqualTo(code));
    }

    [Test]
    public async Task Code_sent_by_lookup_makes_no_sms_send()
    {
        var phone = Phones.NextNational();

        await _client.RequestCodeAsync(phone);

        Assert.That(_kavenegar.Calls.Where(c => c.Method == "sms/send"), Is.Empty);
        Assert.That(_kavenegar.SendsTo(phone), Is.Empty);
    }

    [Test]
    public async Task Lookup_message_id_is_kept_on_the_token()
    {
        var phone = Phones.NextNational();

        await _client.RequestCodeAsync(phone);

        var lookup = _kavenegar.MessagesTo(phone).Single();
        Assert.That(lookup.Method, Is.EqualTo("verify/lookup"));
        var row = await Database.ReadNewestTokenAsync(_app, Phones.ToE164(phone));
        Assert.That(row["Status"], Is.EqualTo("Sent"));
        Assert.That(row["ProviderMessageId"], Is.EqualTo(lookup.MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task Code_from_a_lookup_signs_in()
    {
        var phone = Phones.NextNational();
        await _client.RequestCodeAsync(phone);
        var token = _kavenegar.LookupsTo(phone).Single()["token"]!;

        using var response = await _client.VerifyOtpAsync(phone, token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Template_not_approved_in_the_panel_is_a_502_Template_not_found_424()
    {
        await using var app = new PilitoApp(_kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:Template"] = "not-approved" });
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        using var response = await client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo("Failed to send OTP: Template not found (424)"));
        Assert.That(_kavenegar.LookupsTo(phone).Single()["template"], Is.EqualTo("not-approved"));
    }
}
