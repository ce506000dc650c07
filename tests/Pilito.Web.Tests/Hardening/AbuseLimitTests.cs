using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hardening;

/// <summary>Per-address and service-wide limits on code requests, counted in the database.</summary>
public sealed class AbuseLimitTests
{
    private const string AddressLimited = "Too many requests from this address. Please try again later.";

    [Test]
    public async Task Address_over_its_hourly_limit_gets_a_429_with_Retry_After_whatever_the_phone()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?> { ["Otp:MaxSendsPerIpPerHour"] = "3" });
        using var client = new HttpClient { BaseAddress = app.StartOnLoopback() };
        for (var i = 0; i < 3; i++)
            await client.RequestCodeAsync(Phones.NextNational());

        using var response = await client.RequestOtpAsync(Phones.NextNational());

        Assert.That(response.StatusCode, Is.EqualTo((HttpStatusCode)429));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo(AddressLimited));
        Assert.That(response.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 3660));
    }

    [Test]
    public async Task Forwarded_address_counts_only_behind_a_configured_proxy()
    {
        await using var trusting = new PilitoApp(null, new Dictionary<string, string?>
        {
            ["Otp:MaxSendsPerIpPerHour"] = "1",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        });
        using var client = new HttpClient { BaseAddress = trusting.StartOnLoopback() };

        using var first = await RequestAsync(client, "198.51.100.1");
        using var otherClient = await RequestAsync(client, "198.51.100.2");
        using var sameClient = await RequestAsync(client, "198.51.100.1");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(otherClient.StatusCode, Is.EqualTo(HttpStatusCode.OK), "each forwarded address has its own limit");
        Assert.That(sameClient.StatusCode, Is.EqualTo((HttpStatusCode)429));
    }

    [Test]
    public async Task Forwarded_address_from_an_unlisted_peer_is_ignored()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?> { ["Otp:MaxSendsPerIpPerHour"] = "1" });
        using var client = new HttpClient { BaseAddress = app.StartOnLoopback() };

        using var first = await RequestAsync(client, "198.51.100.1");
        var firstPhone = _lastPhone!;
        using var spoofed = await RequestAsync(client, "198.51.100.2");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(spoofed.StatusCode, Is.EqualTo((HttpStatusCode)429), "a made-up X-Forwarded-For does not buy a new limit");
        var row = await Database.ReadNewestTokenAsync(app, Phones.ToE164(firstPhone));
        Assert.That(row["ClientIp"], Is.EqualTo("127.0.0.1"), "the socket's address, not the header's");
    }

    [Test]
    public async Task Spent_hourly_budget_pauses_sending_with_a_503_an_alert_and_a_metric()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?>
        {
            ["Otp:MaxSendsPerHour"] = "2",
            ["Otp:MaxPrefixShareOfBudget"] = "1", // the phones share a prefix: its own share would refuse first
        });
        using var client = app.CreateClient();
        await client.RequestCodeAsync(Phones.NextNational());
        await client.RequestCodeAsync(Phones.NextNational());

        using var response = await client.RequestOtpAsync(Phones.NextNational());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo("SMS sending is temporarily paused. Please try again later."));
        Assert.That(response.Headers.RetryAfter?.Delta, Is.Not.Null);
        Assert.That(app.Logs.Lines, Has.Some.StartsWith("Critical").And.Contains("SMS budget"));
        var metrics = await client.GetStringAsync("/metrics");
        Assert.That(metrics, Does.Match("pilito_otp_requests_total\\{[^}]*outcome=\"budget_exhausted\"[^}]*\\} 1"));
    }

    [Test]
    public async Task Half_the_budget_spent_gives_one_warning_and_a_metric_well_before_the_pause()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?>
        {
            ["Otp:MaxSendsPerHour"] = "4",
            ["Otp:MaxPrefixShareOfBudget"] = "1",
        });
        using var client = app.CreateClient();
        await client.RequestCodeAsync(Phones.NextNational());
        Assert.That(app.Logs.Lines, Has.None.Contains("SMS budget warning"));

        await client.RequestCodeAsync(Phones.NextNational());
        await client.RequestCodeAsync(Phones.NextNational());

        Assert.That(app.Logs.Lines.Count(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("SMS budget warning", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(await client.GetStringAsync("/metrics"), Does.Match("pilito_otp_budget_warnings_total(\\{[^}]*\\})? 1\\b"));
    }

    private string? _lastPhone;

    private async Task<HttpResponseMessage> RequestAsync(HttpClient client, string forwardedFor)
    {
        _lastPhone = Phones.NextNational();
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiClient.RequestOtpPath)
        {
            Content = new StringContent($"{{\"phone_number\": \"{_lastPhone}\"}}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }
}
