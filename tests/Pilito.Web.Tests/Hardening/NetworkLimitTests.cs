using System.Net;
using System.Text;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hardening;

/// <summary>
/// Attack 2 of docs/security.md: one subscriber owns a whole IPv6 /64, so a limit per exact address is no limit.
/// Limits count client networks (IPv6 /64, IPv4 address), for code requests, failed verifications and refused
/// refresh tokens, through a trusted proxy on 127.0.0.1 as in production.
/// </summary>
public sealed class NetworkLimitTests
{
    private const string AddressLimited = "Too many requests from this address. Please try again later.";

    [Test]
    public async Task Addresses_of_one_IPv6_64_share_one_limit_and_the_next_64_has_its_own()
    {
        await using var app = BehindProxy(("Otp:MaxSendsPerIpPerHour", "3"));
        using var client = new HttpClient { BaseAddress = app.StartOnLoopback() };
        for (var i = 1; i <= 3; i++)
        {
            using var allowed = await PostAsync(client, ApiClient.RequestOtpPath, Phone(), $"2001:db8:0:1::{i:x}");
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var sameNetwork = await PostAsync(client, ApiClient.RequestOtpPath, Phone(), "2001:db8:0:1:ffff:ffff:ffff:ffff");
        using var nextNetwork = await PostAsync(client, ApiClient.RequestOtpPath, Phone(), "2001:db8:0:2::1");

        Assert.That(sameNetwork.StatusCode, Is.EqualTo((HttpStatusCode)429));
        Assert.That((await sameNetwork.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo(AddressLimited));
        Assert.That(sameNetwork.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(3500, 3660));
        Assert.That(nextNetwork.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_prefix_length_is_a_setting()
    {
        await using var app = BehindProxy(("Otp:MaxSendsPerIpPerHour", "1"), ("Otp:Ipv6PrefixLength", "128"));
        using var client = new HttpClient { BaseAddress = app.StartOnLoopback() };

        using var first = await PostAsync(client, ApiClient.RequestOtpPath, Phone(), "2001:db8::1");
        using var second = await PostAsync(client, ApiClient.RequestOtpPath, Phone(), "2001:db8::2");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK), "with /128 each address is its own network");
    }

    [Test]
    public async Task Failed_verifications_are_limited_per_network_whatever_the_phone()
    {
        await using var app = BehindProxy(("Otp:MaxVerifyFailuresPerIpPerHour", "3"));
        using var client = new HttpClient { BaseAddress = app.StartOnLoopback() };
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await PostAsync(client, ApiClient.VerifyOtpPath, Phone(), $"2001:db8:0:7::{i + 1:x}", "123456");
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        using var refused = await PostAsync(client, ApiClient.VerifyOtpPath, Phone(), "2001:db8:0:7::99", "123456");
        using var otherNetwork = await PostAsync(client, ApiClient.VerifyOtpPath, Phone(), "198.51.100.77", "123456");

        Assert.That(refused.StatusCode, Is.EqualTo((HttpStatusCode)429));
        Assert.That((await refused.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo(AddressLimited));
        Assert.That(refused.Headers.RetryAfter, Is.Not.Null);
        Assert.That(otherNetwork.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "another network still gets the usual answer");
    }

    [Test]
    public async Task Refused_refresh_tokens_are_limited_per_network()
    {
        await using var app = BehindProxy(("Auth:MaxRefreshFailuresPerIpPerHour", "2"));
        using var client = new HttpClient { BaseAddress = app.StartOnLoopback() };
        for (var i = 0; i < 2; i++)
        {
            using var unknown = await PostRefreshAsync(client, "203.0.113.50", $"made-up-token-{i}");
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using var refused = await PostRefreshAsync(client, "203.0.113.50", "made-up-token-3");

        Assert.That(refused.StatusCode, Is.EqualTo((HttpStatusCode)429));
        Assert.That((await refused.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo(AddressLimited));
    }

    [Test]
    public async Task A_peer_without_an_address_is_not_exempt()
    {
        // The in-process client has no address (as a Unix socket peer has none): it counts as one network.
        await using var app = new PilitoApp(null, new Dictionary<string, string?> { ["Otp:MaxSendsPerIpPerHour"] = "2" });
        using var client = app.CreateClient();
        await client.RequestCodeAsync(Phones.NextNational());
        await client.RequestCodeAsync(Phones.NextNational());

        using var third = await client.RequestOtpAsync(Phones.NextNational());

        Assert.That(third.StatusCode, Is.EqualTo((HttpStatusCode)429));
    }

    private static PilitoApp BehindProxy(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" };
        foreach (var (key, value) in settings)
            all[key] = value;
        return new PilitoApp(null, all);
    }

    private static string Phone() => Phones.NextNational();

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string phone, string forwardedFor, string? code = null)
    {
        var body = code is null ? $"{{\"phone_number\": \"{phone}\"}}" : $"{{\"phone_number\": \"{phone}\", \"code\": \"{code}\"}}";
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostRefreshAsync(HttpClient client, string forwardedFor, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiClient.RefreshPath)
        {
            Content = new StringContent($"{{\"refresh_token\": \"{token}\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }
}
