using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hardening;

public sealed class HeaderTests : StandInFixture
{
    // Admin cookies are Secure outside Development: admin pages are reached over HTTPS, here through a trusted proxy.
    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) =>
        new(null, new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" });

    protected override HttpClient CreateClient(PilitoApp app) => new() { BaseAddress = app.StartOnLoopback() };

    [TestCase("/health/live")]
    [TestCase("/admin/login")]
    public async Task Responses_carry_the_security_headers_and_no_server_banner(string path)
    {
        using var response = await GetOverHttpsAsync(path);

        Assert.That(response.Headers.Contains("Server"), Is.False);
        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        Assert.That(response.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("frame-ancestors 'none'"));
    }

    [Test]
    public async Task Admin_pages_allow_no_inline_script()
    {
        using var response = await GetOverHttpsAsync("/admin/login");

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.That(policy, Does.Contain("script-src 'self'"));
        Assert.That(policy, Does.Not.Contain("unsafe-inline"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("<script>"), "no inline script block to allow");
    }

    [Test]
    public async Task Loopback_is_not_redirected_to_https_outside_Development()
    {
        using var response = await Client.GetAsync("/health/live");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.Contains("Strict-Transport-Security"), Is.False, "no HSTS over plain http on loopback");
    }

    [Test]
    public async Task Admin_over_plain_http_is_refused_plainly_rather_than_failing()
    {
        using var response = await Client.GetAsync("/admin/login");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("The admin pages need HTTPS."));
    }

    [Test]
    public async Task Non_loopback_client_is_redirected_to_https_and_https_answers_carry_HSTS()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?>
        {
            ["https_port"] = "443",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.StartOnLoopback() };

        using var plain = await SendForwardedAsync(client, "http");
        using var secure = await SendForwardedAsync(client, "https");

        Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.TemporaryRedirect));
        Assert.That(plain.Headers.Location?.Scheme, Is.EqualTo("https"));
        Assert.That(secure.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(secure.Headers.Contains("Strict-Transport-Security"), Is.True);
    }

    private async Task<HttpResponseMessage> GetOverHttpsAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-Proto", "https");
        return await Client.SendAsync(request);
    }

    // A client at a public address, reaching us through the trusted proxy on 127.0.0.1 with the given scheme. A page,
    // not a health probe: probes are never redirected (Health/ProbeRedirectTests).
    private static async Task<HttpResponseMessage> SendForwardedAsync(HttpClient client, string scheme)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/login");
        request.Headers.Host = "pilito.example";
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", scheme);
        return await client.SendAsync(request);
    }
}
