using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Health;

/// <summary>
/// With <c>Management:Urls</c>, a real server process serves /metrics and the detailed readiness answer on that port
/// only: the public port gives readiness as a bare status (no database or provider error text, no credit) and no
/// metrics, and the management port serves nothing else.
/// </summary>
[Category(TestSpeed.Process)]
public sealed class ManagementPortTests
{
    private PilitoServer _server = null!;
    private HttpClient _public = null!;
    private HttpClient _management = null!;
    private string _database = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _database = DatabaseFile.NewPath();
        var managementUrl = $"http://127.0.0.1:{PilitoServer.FreePort()}";
        var settings = PilitoServer.Settings(_database, new Uri("http://127.0.0.1:9/"));
        settings["Database__MigrateOnStartup"] = "true";
        settings["Sms__Provider"] = "Log";
        settings["Management__Urls"] = managementUrl;
        _server = await PilitoServer.StartAsync(settings);
        _public = _server.CreateClient();
        _management = new HttpClient { BaseAddress = new Uri(managementUrl), Timeout = PilitoServer.Limit };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _public.Dispose();
        _management.Dispose();
        await _server.DisposeAsync();
        DatabaseFile.Delete(_database); // and its -wal and -shm files, which the server leaves beside it
    }

    [Test]
    public async Task Metrics_are_served_on_the_management_port_and_not_on_the_public_one()
    {
        using var management = await _management.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var publicPort = await _public.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.That(management.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await management.Content.ReadAsStringAsync(), Does.Contain("# TYPE"));
        Assert.That(publicPort.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Public_readiness_is_a_bare_status_and_the_management_port_has_the_details()
    {
        using var publicPort = await _public.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var management = await _management.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.That(publicPort.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var bare = await publicPort.JsonAsync();
        Assert.That(bare.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "status" }));
        var detailed = await management.JsonAsync();
        Assert.That(detailed.GetProperty("status").GetString(), Is.EqualTo(bare.GetProperty("status").GetString()));
        Assert.That(detailed.GetProperty("checks").TryGetProperty("database", out _), Is.True);
    }

    [Test]
    public async Task The_management_port_serves_no_API_and_no_admin_page()
    {
        using var api = await _management.PostAsync(new Uri(ApiClient.RequestOtpPath, UriKind.Relative),
            new StringContent("""{"phone_number": "09120000000"}""", System.Text.Encoding.UTF8, "application/json"));
        using var admin = await _management.GetAsync(new Uri("/admin/login", UriKind.Relative));
        using var live = await _management.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(admin.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_public_port_still_serves_the_API()
    {
        using var response = await _public.PostAsync(new Uri(ApiClient.RequestOtpPath, UriKind.Relative),
            new StringContent($$"""{"phone_number": "{{Phones.NextNational()}}"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }
}
