using System.Net;
using System.Text.RegularExpressions;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hosting;

/// <summary>
/// Two instances behind nginx with TLS on one PostgreSQL database, as <c>deploy/</c> sets them up
/// (<see cref="ProxiedInstances"/>): requests spread over both, the rules hold across them, staff stay signed in.
/// </summary>
public sealed partial class BehindProxyTests : ProxiedInstances
{
    private const string WellKnownDiscovery = "/.well-known/openid-configuration";

    [Test]
    public async Task Requests_and_verifies_alternate_between_the_instances()
    {
        var phones = Enumerable.Range(0, 4).Select(_ => Phones.NextNational()).ToList();
        using var client = Proxy.CreateClient(tag: "alternate");

        foreach (var phone in phones)
        {
            using (var requested = await client.RequestOtpAsync(phone))
                Assert.That(requested.StatusCode, Is.EqualTo(HttpStatusCode.OK), await requested.Content.ReadAsStringAsync());
            using var verified = await client.VerifyOtpAsync(phone, CodeSentTo(phone));
            Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), await verified.Content.ReadAsStringAsync());
        }

        var upstreams = (await Proxy.AnswersAsync("alternate", 8)).Select(a => a.Upstream).ToList();
        Assert.That(upstreams, Has.Count.EqualTo(8));
        Assert.That(upstreams.Distinct(), Is.EquivalentTo(Instances.Select(Upstream)), "both instances answered");
        for (var i = 0; i < upstreams.Count; i += 2)
            Assert.That(upstreams[i + 1], Is.Not.EqualTo(upstreams[i]), $"each code was verified by the other instance than the one that sent it: {string.Join(", ", upstreams)}");
    }

    [Test]
    public async Task Twenty_simultaneous_requests_for_one_phone_through_the_proxy_send_exactly_three_SMS()
    {
        var phone = Phones.NextNational();
        using var client = Proxy.CreateClient(tag: "one-phone");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await client.RequestOtpAsync(phone);
            return response.StatusCode;
        }));

        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(3), string.Join(", ", statuses));
        Assert.That(statuses.Count(s => s == HttpStatusCode.TooManyRequests), Is.EqualTo(17), string.Join(", ", statuses));
        Assert.That(Kavenegar.SendsTo(phone), Has.Count.EqualTo(3));
        Assert.That((await Proxy.AnswersAsync("one-phone", 20)).Select(a => a.Upstream).Distinct().Count(), Is.EqualTo(2), "both instances took requests");
    }

    [Test]
    public async Task Ten_simultaneous_verifies_of_one_code_through_the_proxy_succeed_exactly_once()
    {
        var phone = Phones.NextNational();
        using (var requested = await Client.RequestOtpAsync(phone))
            Assert.That(requested.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var code = CodeSentTo(phone);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var response = await Client.VerifyOtpAsync(phone, code);
            return response.StatusCode;
        }));

        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(1), string.Join(", ", statuses));
        Assert.That(statuses.Count(s => s == HttpStatusCode.BadRequest), Is.EqualTo(9), string.Join(", ", statuses));
    }

    [Test]
    public async Task Staff_signed_in_through_the_proxy_stay_signed_in_whichever_instance_answers()
    {
        var email = Staff.NextEmail();
        // Role Staff: an Admin must enrol two-factor first (Admin:RequireTwoFactor), which is not what this test is about.
        var created = await PilitoProcess.RunWithInputAsync(Settings(), PilitoServer.Limit, Staff.Password, "create-admin", "--email", email, "--role", "Staff");
        Assert.That(created.ExitCode, Is.Zero, created.Output + created.Error);
        var cookies = new CookieContainer();
        using var browser = Proxy.CreateClient(cookies, tag: "staff");

        var token = AntiforgeryToken().Match(await browser.GetStringAsync(new Uri("/admin/login", UriKind.Relative)));
        Assert.That(token.Success, Is.True, "the login page, with its anti-forgery token");
        using var signIn = await browser.PostAsync(new Uri("/admin/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = Staff.Password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "signed in");

        for (var i = 0; i < 4; i++)
        {
            using var dashboard = await browser.GetAsync(new Uri("/admin/", UriKind.Relative));
            Assert.That(dashboard.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"still signed in (redirected to {dashboard.Headers.Location})");
        }

        var dashboards = (await Proxy.AnswersAsync("staff", 6)).Where(a => a.Path == "/admin/").ToList(); // login page, sign-in, 4 dashboards
        Assert.That(dashboards, Has.Count.EqualTo(4));
        Assert.That(dashboards.Select(a => a.Upstream).Distinct().Count(), Is.EqualTo(2), "both instances served the signed-in member");
        var sessionCookies = cookies.GetAllCookies().Where(c => c.Name.Contains("Pilito", StringComparison.OrdinalIgnoreCase) || c.HttpOnly).ToList();
        Assert.That(sessionCookies, Is.Not.Empty);
        Assert.That(sessionCookies.All(c => c.Secure), Is.True, "the proxy said https (X-Forwarded-Proto), so the cookies are Secure");
    }

    [TestCase("/metrics")]
    [TestCase("/health/ready")]
    [TestCase("/health/live")]
    public async Task Monitoring_paths_are_served_on_the_management_ports_not_to_the_public(string path)
    {
        using var overProxy = await Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.That(overProxy.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        foreach (var management in ManagementAddresses)
        {
            using var local = new HttpClient { BaseAddress = management, Timeout = PilitoServer.Limit };
            using var response = await local.GetAsync(new Uri(path, UriKind.Relative));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{management}{path.TrimStart('/')}");
        }
    }

    [Test]
    public async Task A_request_for_a_host_name_that_is_not_Pilitos_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(WellKnownDiscovery, UriKind.Relative));
        request.Headers.Host = "attacker.example";

        using var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "AllowedHosts in the env file: no answer is built from a stranger's Host");
        using var ours = await Client.GetAsync(new Uri(WellKnownDiscovery, UriKind.Relative));
        Assert.That(ours.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Plain_http_at_the_proxy_is_redirected_to_https()
    {
        using var plain = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = Proxy.HttpAddress };

        using var response = await plain.GetAsync(new Uri("/admin/login", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
        Assert.That(response.Headers.Location?.Scheme, Is.EqualTo("https"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
