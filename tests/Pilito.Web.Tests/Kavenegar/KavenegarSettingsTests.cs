using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Kavenegar;

/// <summary>The guide's setting names, the message template, and what never reaches the logs.</summary>
public sealed class KavenegarSettingsTests
{
    private KavenegarStandIn _kavenegar = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _kavenegar = await KavenegarStandIn.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _kavenegar.DisposeAsync();

    [Test]
    public async Task Guide_names_KAVENEGAR_API_KEY_and_KAVENEGAR_SENDER_are_read()
    {
        await using var app = new PilitoApp(_kavenegar.BaseUrl, new Dictionary<string, string?>
        {
            ["Kavenegar:ApiKey"] = null,
            ["KAVENEGAR_API_KEY"] = $"  {KavenegarStandIn.ValidKey} ",
            ["KAVENEGAR_SENDER"] = "2000500666",
        });
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        using var response = await client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var send = _kavenegar.SendsTo(phone).Single();
        Assert.That(send.ApiKey, Is.EqualTo(KavenegarStandIn.ValidKey), "trimmed");
        Assert.That(send["sender"], Is.EqualTo("2000500666"));
    }

    [Test]
    public async Task Message_follows_the_configured_template()
    {
        await using var app = new PilitoApp(_kavenegar.BaseUrl, new Dictionary<string, string?>
        {
            ["Sms:OtpMessageTemplate"] = "کد ورود شما: {code}",
        });
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        var code = await client.RequestCodeAsync(phone);

        Assert.That(_kavenegar.SendsTo(phone).Single()["message"], Is.EqualTo($"کد ورود شما: {code}"));
    }

    [Test]
    public async Task Neither_the_api_key_nor_the_code_reaches_the_logs()
    {
        await using var app = new PilitoApp(_kavenegar.BaseUrl);
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        var code = await client.RequestCodeAsync(phone);
        using var verify = await client.VerifyOtpAsync(phone, code);

        Assert.That(app.Logs.Lines, Is.Not.Empty);
        Assert.That(app.Logs.All, Does.Not.Contain(KavenegarStandIn.ValidKey));
        Assert.That(app.Logs.All, Does.Not.Contain(code));
        Assert.That(app.Logs.All, Does.Not.Contain(phone), "phones are masked");
    }

    [Test]
    public async Task Starting_without_a_key_logs_a_warning_that_names_the_setting()
    {
        await using var app = new PilitoApp(_kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = null });

        using var client = app.CreateClient();

        Assert.That(app.Logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal)),
            Has.Some.Contains("KAVENEGAR_API_KEY"));
    }
}
