using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.OpenApi;

/// <summary>Swagger UI at /swagger/ in Development only, reading this document; the document itself is public everywhere.</summary>
public sealed class InteractiveReferenceTests
{
    [Test]
    public async Task Development_serves_Swagger_UI_with_its_scripts_reading_the_document()
    {
        await using var app = new PilitoApp(null) { Environment = "Development" };
        using var client = app.CreateClient();

        using var page = await client.GetAsync("/swagger/index.html");
        using var bundle = await client.GetAsync("/swagger/swagger-ui-bundle.js");
        var config = await client.GetStringAsync("/swagger/index.js");

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(bundle.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(config, Does.Contain("\"/openapi/v1.json\""));
        // The API's CSP (default-src 'none') would stop its scripts: Hardening leaves /swagger without one.
        Assert.That(page.Headers.Contains("Content-Security-Policy"), Is.False);
        Assert.That(page.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
    }

    [Test]
    public async Task Production_serves_the_document_but_no_Swagger_UI()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?> { ["Otp:RevealCodes"] = null }) { Environment = "Production" };
        using var client = app.CreateClient();

        using var page = await client.GetAsync("/swagger/index.html");
        using var document = await client.GetAsync("/openapi/v1.json");

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(document.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await document.Content.ReadAsStringAsync(), Does.Contain("\"title\": \"Pilito API\""));
    }
}
