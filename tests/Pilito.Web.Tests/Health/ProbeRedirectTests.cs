using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Health;

/// <summary>
/// With <c>https_port</c> set, plain-http requests are redirected to HTTPS, but a load balancer's health probe and a
/// metrics scrape are not: they do not follow redirects, and a redirect reads as "down". Through a trusted proxy on
/// 127.0.0.1, from a client that is not on loopback (loopback clients are never redirected).
/// </summary>
public sealed class ProbeRedirectTests
{
    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    [TestCase("/metrics")]
    public async Task Probes_are_answered_over_http(string path)
    {
        await using var app = Redirecting();
        using var client = Client(app);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_API_is_still_redirected()
    {
        await using var app = Redirecting();
        using var client = Client(app);

        using var response = await client.GetAsync(new Uri("/api/v1/usr/me", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TemporaryRedirect));
        Assert.That(response.Headers.Location?.Scheme, Is.EqualTo("https"));
    }

    private static PilitoApp Redirecting() => new(null, new Dictionary<string, string?>
    {
        ["https_port"] = "443",
        ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
    });

    private static HttpClient Client(PilitoApp app)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.StartOnLoopback() };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "http");
        return client;
    }
}
