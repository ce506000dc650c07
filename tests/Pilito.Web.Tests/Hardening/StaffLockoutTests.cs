using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hardening;

/// <summary>
/// The staff sign-in page must not let anyone lock a staff member out at will (issue: a stranger who knew an email
/// locked that account for 15 minutes with five wrong passwords, again and again). Failures now pause the network
/// they come from, and that email from that network, never the account: through a trusted proxy as in production, each
/// X-Forwarded-For is another client.
/// </summary>
public sealed class StaffLockoutTests
{
    private const string Paused = "Too many failed sign-ins from your network. Please try again later.";

    [Test]
    public async Task A_stranger_failing_from_many_networks_does_not_keep_the_staff_member_out()
    {
        await using var app = BehindProxy();
        var email = await Staff.CreateAsync(app);
        for (var network = 1; network <= 10; network++)
        {
            using var stranger = From(app, $"203.0.113.{network}");
            for (var i = 0; i < 6; i++)
            {
                using (await Staff.SignInAsync(stranger, email, "Wrong-password-1")) { }
            }
        }

        using var ownerClient = From(app, "198.51.100.20");
        using var owner = await Staff.SignInAsync(ownerClient, email);

        Assert.That(owner.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the staff member signs in from her own network");
    }

    [Test]
    public async Task A_network_that_tried_too_many_emails_is_paused_and_the_next_network_is_not()
    {
        await using var app = BehindProxy(("Admin:MaxFailedSignInsPerAddressPerHour", "3"));
        var email = await Staff.CreateAsync(app);
        using var sprayer = From(app, "2001:db8:0:5::1");
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await Staff.SignInAsync(sprayer, $"guess{i}@pilito.test", "Wrong-password-1");
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var sameClient = From(app, "2001:db8:0:5::2");
        using var nextClient = From(app, "2001:db8:0:6::1");
        using var sameNetwork = await Staff.SignInAsync(sameClient, email);
        using var nextNetwork = await Staff.SignInAsync(nextClient, email);

        Assert.That(sameNetwork.StatusCode, Is.EqualTo((HttpStatusCode)429));
        Assert.That(await sameNetwork.Content.ReadAsStringAsync(), Does.Contain(Paused));
        Assert.That(sameNetwork.Headers.RetryAfter?.Delta?.TotalMinutes, Is.InRange(60, 61));
        Assert.That(nextNetwork.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [Test]
    public async Task Simultaneous_guesses_get_exactly_the_allowed_number_of_password_checks()
    {
        await using var app = BehindProxy();
        var email = await Staff.CreateAsync(app);
        // Thirty browsers of one network, each with its form token, post at once.
        var attackers = Enumerable.Range(0, 30).Select(_ => From(app, "192.0.2.44")).ToList();
        var tokens = await Task.WhenAll(attackers.Select(a => Staff.AntiforgeryTokenAsync(a, "/admin/login")));

        var answers = await Task.WhenAll(attackers.Select(async (attacker, i) =>
        {
            using var response = await attacker.PostAsync(new Uri("/admin/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email,
                ["Password"] = "Wrong-password-1",
                ["__RequestVerificationToken"] = tokens[i],
            }));
            return response.StatusCode;
        }));
        attackers.ForEach(a => a.Dispose());

        Assert.That(answers.Count(a => a == HttpStatusCode.OK), Is.EqualTo(5), "five wrong passwords were checked");
        Assert.That(answers.Count(a => a == (HttpStatusCode)429), Is.EqualTo(25));
    }

    [Test]
    public async Task Successful_sign_ins_do_not_use_up_the_network_allowance()
    {
        await using var app = BehindProxy(("Admin:MaxFailedSignInsPerAddressPerHour", "2"));
        var email = await Staff.CreateAsync(app);
        for (var i = 0; i < 4; i++)
        {
            // A new browser each time: a signed-in browser's form token is its session's, not a stranger's.
            using var office = From(app, "198.51.100.30");
            using var signedIn = await Staff.SignInAsync(office, email);
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

    /// <summary>A browser at <paramref name="address"/>, as the trusted proxy reports it.</summary>
    private static HttpClient From(PilitoApp app, string address)
    {
        var client = Staff.Client(app);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }
}
