using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hardening;

/// <summary>
/// The staff sign-in page must not let anyone lock a staff member out at will (issue: a stranger who knew an email
/// locked that account for 15 minutes with five wrong passwords, again and again). Failures now pause the network
/// they come from, and that email from that network, never the account: through a trusted proxy on 127.0.0.1 as in
/// production, each X-Forwarded-For is another client.
/// </summary>
public sealed class StaffLockoutTests
{
    private const string Paused = "Too many failed sign-ins from your network. Please try again later.";

    [Test]
    public async Task A_stranger_failing_from_many_networks_does_not_keep_the_staff_member_out()
    {
        await using var app = BehindProxy();
        using var http = Http(app);
        var email = await Staff.CreateAsync(app);
        for (var network = 1; network <= 10; network++)
        {
            var stranger = new ProxiedClient(http, $"203.0.113.{network}");
            for (var i = 0; i < 6; i++)
            {
                using (await stranger.SignInAsync(email, "Wrong-password-1")) { }
            }
        }

        using var owner = await new ProxiedClient(http, "198.51.100.20").SignInAsync(email, Staff.Password);

        Assert.That(owner.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the staff member signs in from her own network");
    }

    [Test]
    public async Task A_network_that_tried_too_many_emails_is_paused_and_the_next_network_is_not()
    {
        await using var app = BehindProxy(("Admin:MaxFailedSignInsPerAddressPerHour", "3"));
        using var http = Http(app);
        var email = await Staff.CreateAsync(app);
        var sprayer = new ProxiedClient(http, "2001:db8:0:5::1");
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await sprayer.SignInAsync($"guess{i}@pilito.test", "Wrong-password-1");
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var sameNetwork = await new ProxiedClient(http, "2001:db8:0:5::2").SignInAsync(email, Staff.Password);
        using var nextNetwork = await new ProxiedClient(http, "2001:db8:0:6::1").SignInAsync(email, Staff.Password);

        Assert.That(sameNetwork.StatusCode, Is.EqualTo((HttpStatusCode)429));
        Assert.That(await sameNetwork.Content.ReadAsStringAsync(), Does.Contain(Paused));
        Assert.That(sameNetwork.Headers.RetryAfter?.Delta?.TotalMinutes, Is.InRange(60, 61));
        Assert.That(nextNetwork.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [Test]
    public async Task Simultaneous_guesses_get_exactly_the_allowed_number_of_password_checks()
    {
        await using var app = BehindProxy();
        using var http = Http(app);
        var email = await Staff.CreateAsync(app);
        var attacker = new ProxiedClient(http, "192.0.2.44");
        await attacker.PrepareAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(async _ =>
        {
            using var response = await attacker.PostSignInAsync(email, "Wrong-password-1");
            return response.StatusCode;
        }));

        Assert.That(answers.Count(a => a == HttpStatusCode.OK), Is.EqualTo(5), "five wrong passwords were checked");
        Assert.That(answers.Count(a => a == (HttpStatusCode)429), Is.EqualTo(25));
    }

    [Test]
    public async Task Successful_sign_ins_do_not_use_up_the_network_allowance()
    {
        await using var app = BehindProxy(("Admin:MaxFailedSignInsPerAddressPerHour", "2"));
        using var http = Http(app);
        var email = await Staff.CreateAsync(app);
        for (var i = 0; i < 4; i++)
        {
            // A new browser each time: a signed-in browser's form token is its session's, not a stranger's.
            using var signedIn = await new ProxiedClient(http, "198.51.100.30").SignInAsync(email, Staff.Password);
            Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), $"sign-in {i + 1}");
        }
    }

    private static PilitoApp BehindProxy(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["Admin:MaxFailedSignInsPerAddressPerHour"] = "20",
        };
        foreach (var (key, value) in settings)
            all[key] = value;
        return new PilitoApp(null, all);
    }

    private static HttpClient Http(PilitoApp app) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.StartOnLoopback() };
}
