using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hosting;

/// <summary>What the server demands before it starts, per environment.</summary>
public sealed class StartupTests
{
    [Test]
    public async Task Production_without_a_Kavenegar_key_starts_but_is_not_ready()
    {
        await using var app = new PilitoApp(new Uri("http://127.0.0.1:9/"),
            new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = null, ["Otp:RevealCodes"] = null }) { Environment = "Production" };
        using var client = app.CreateClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        var body = await ready.JsonAsync();
        Assert.That(body.GetProperty("checks").GetProperty("sms").GetProperty("status").GetString(), Is.EqualTo("Unhealthy"));
        Assert.That(body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task Production_hides_codes_by_default()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?> { ["Otp:RevealCodes"] = null }) { Environment = "Production" };
        using var client = app.CreateClient();

        using var response = await client.RequestOtpAsync(Phones.NextNational());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await response.JsonAsync()).Keys(), Does.Not.Contain("code"));
    }

    [Test]
    public async Task Development_starts_with_no_secrets_and_reveals_codes()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = null,
            ["Otp:HashKey"] = null,
            ["Otp:RevealCodes"] = null,
            ["Sms:Provider"] = null,
        }) { Environment = "Development" };
        using var client = app.CreateClient();

        var signIn = await client.SignInAsync(Phones.NextNational());

        Assert.That(signIn.GetProperty("access_token").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task Ready_when_database_and_SMS_are_fine()
    {
        await using var app = new PilitoApp(null);
        using var client = app.CreateClient();

        using var ready = await client.GetAsync("/health/ready");

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ready.JsonAsync()).GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task OpenApi_document_describes_the_API()
    {
        await using var app = new PilitoApp(null);
        using var client = app.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.That(document, Does.Contain("/api/v1/usr/otp"));
        Assert.That(document, Does.Contain("/api/v1/usr/otp/verify"));
        Assert.That(document, Does.Contain("/api/v1/usr/token/refresh"));
        Assert.That(document, Does.Contain("/api/v1/usr/me"));
        Assert.That(document, Does.Contain("/api/v1/usr/phone"));
        Assert.That(document, Does.Contain("/api/v1/usr/phone/verify"));
    }

    [Test]
    public async Task Browsable_API_page_is_served_in_Development_only()
    {
        await using var development = new PilitoApp(null) { Environment = "Development" };
        await using var production = new PilitoApp(null, new Dictionary<string, string?> { ["Otp:RevealCodes"] = null }) { Environment = "Production" };
        using var developmentClient = development.CreateClient();
        using var productionClient = production.CreateClient();

        using var shown = await developmentClient.GetAsync("/swagger/index.html");
        using var hidden = await productionClient.GetAsync("/swagger/index.html");

        Assert.That(shown.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await shown.Content.ReadAsStringAsync(), Does.Contain("swagger-ui"));
        Assert.That(hidden.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
