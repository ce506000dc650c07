using System.Net;
using System.Text.RegularExpressions;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hardening;

/// <summary>
/// Two real server processes on one database (a SQLite file; a PostgreSQL database on a real server), as two
/// instances behind a load balancer: nothing shared but the
/// database. The per-phone limit and single use of a code hold across them, and a staff sign-in made on one instance
/// is honoured by the other. (ConcurrencyTests proves the same rules with two in-process apps.)
/// </summary>
[Category(TestSpeed.Process)]
[TestFixtureSource(typeof(TestProviders), nameof(TestProviders.Both))]
public sealed partial class MultiProcessTests(TestProvider provider)
{
    private string _database = null!;
    private KavenegarStandIn _kavenegar = null!;
    private PilitoServer _first = null!;
    private PilitoServer _second = null!;
    private HttpClient[] _clients = [];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _database = DatabaseFile.New(provider);
        _kavenegar = await KavenegarStandIn.StartAsync();
        var migrating = Settings();
        migrating["Database__MigrateOnStartup"] = "true";
        _first = await PilitoServer.StartAsync(migrating); // live: the schema is there for the second
        _second = await PilitoServer.StartAsync(Settings());
        _clients = [_first.CreateClient(), _second.CreateClient()];
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        foreach (var client in _clients)
            client.Dispose();
        if (_second is not null)
            await _second.DisposeAsync();
        if (_first is not null)
            await _first.DisposeAsync();
        if (_kavenegar is not null)
            await _kavenegar.DisposeAsync();
        if (_database is not null)
            DatabaseFile.Delete(provider, _database);
    }

    [Test]
    public async Task Thirty_simultaneous_requests_for_one_phone_across_two_processes_send_exactly_three_SMS()
    {
        var phone = Phones.NextNational();

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => _clients[i % 2].RequestOtpAsync(phone)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        var unexpected = await Task.WhenAll(responses.Where(r => r.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.TooManyRequests))
            .Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}"));
        Assert.That(unexpected, Is.Empty, () => string.Join("\n", unexpected) + "\n" + Warnings(_first) + Warnings(_second));
        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(3), string.Join(", ", statuses));
        Assert.That(statuses.Count(s => s == HttpStatusCode.TooManyRequests), Is.EqualTo(27), string.Join(", ", statuses));
        Assert.That(_kavenegar.SendsTo(phone), Has.Count.EqualTo(3));
        foreach (var response in responses)
            response.Dispose();
    }

    private static string Warnings(PilitoServer server) => string.Join("\n",
        server.Output.Split('\n').Where(line => line.Contains("warn", StringComparison.Ordinal) || line.Contains("fail", StringComparison.Ordinal)).TakeLast(20));

    [Test]
    public async Task Ten_simultaneous_verifies_of_one_code_across_two_processes_succeed_exactly_once()
    {
        var phone = Phones.NextNational();
        var code = await _clients[0].RequestCodeAsync(phone);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => _clients[i % 2].VerifyOtpAsync(phone, code)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(1), string.Join(", ", statuses));
        Assert.That(statuses.Count(s => s == HttpStatusCode.BadRequest), Is.EqualTo(9), string.Join(", ", statuses));
        foreach (var response in responses)
            response.Dispose();
    }

    [Test]
    public async Task Staff_signed_in_on_one_process_opens_the_admin_pages_on_the_other()
    {
        var email = Staff.NextEmail();
        // Role Staff: an Admin must enrol two-factor first (Admin:RequireTwoFactor), which is not what this test is about.
        var created = await PilitoProcess.RunWithInputAsync(Settings(), PilitoServer.Limit, Staff.Password, "create-admin", "--email", email, "--role", "Staff");
        Assert.That(created.ExitCode, Is.Zero, created.Output + created.Error);
        using var onFirst = new AdminBrowser(_first);
        using var signIn = await onFirst.SignInAsync(email);
        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), $"signed in on the first process:\n{_first.Output}");

        using var onSecond = new AdminBrowser(_second, onFirst.Cookies);
        using var dashboard = await onSecond.GetAsync("/admin/");

        Assert.That(dashboard.StatusCode, Is.EqualTo(HttpStatusCode.OK),
            $"the first process's staff cookie on the second (redirected to {dashboard.Headers.Location}):\n{_second.Output}");
    }

    // Both behind the same (trusted) TLS-terminating proxy on 127.0.0.1, as in production.
    private Dictionary<string, string?> Settings()
    {
        var settings = PilitoServer.Settings(provider, _database, _kavenegar.BaseUrl);
        settings["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1";
        return settings;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>
    /// A browser behind a TLS-terminating proxy: every request says X-Forwarded-Proto: https, and cookies (Secure
    /// outside Development) are kept by hand, so they can be carried from one process to the other.
    /// </summary>
    private sealed class AdminBrowser : IDisposable
    {
        private readonly HttpClient _client;

        public AdminBrowser(PilitoServer server, IReadOnlyDictionary<string, string>? cookies = null)
        {
            _client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
            {
                BaseAddress = server.BaseAddress,
                Timeout = PilitoServer.Limit,
            };
            foreach (var (name, value) in cookies ?? new Dictionary<string, string>())
                Cookies[name] = value;
        }

        public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

        public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)));

        /// <summary>GET the login page for its anti-forgery token and cookie, then POST the form, as a browser does.</summary>
        public async Task<HttpResponseMessage> SignInAsync(string email)
        {
            using var page = await GetAsync("/admin/login");
            var html = await page.Content.ReadAsStringAsync();
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
            var token = TokenField().Match(html);
            Assert.That(token.Success, Is.True, "an anti-forgery token on the login page");
            return await SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri("/admin/login", UriKind.Relative))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Email"] = email,
                    ["Password"] = Staff.Password,
                    ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                }),
            });
        }

        public void Dispose() => _client.Dispose();

        private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            using (request)
            {
                request.Headers.Add("X-Forwarded-Proto", "https");
                if (Cookies.Count > 0)
                    request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
                var response = await _client.SendAsync(request);
                foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
                {
                    var pair = header.Split(';', 2)[0];
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    Cookies[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
                }

                return response;
            }
        }
    }
}
