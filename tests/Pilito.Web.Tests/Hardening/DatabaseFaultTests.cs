using System.Net;
using Microsoft.Data.Sqlite;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hardening;

public sealed class DatabaseFaultTests
{
    private const string Unavailable = "Service temporarily unavailable. Please try again later.";

    [Test]
    public async Task Unreachable_database_is_a_503_not_a_500()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?>
        {
            ["Database:MigrateOnStartup"] = "false",
            ["ConnectionStrings:Pilito"] = $"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "missing-dir", "pilito.db")}",
        });
        using var client = app.CreateClient();

        using var request = await client.RequestOtpAsync(Phones.NextNational());
        using var verify = await client.VerifyOtpAsync(Phones.NextNational(), "123456");

        foreach (var response in new[] { request, verify })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo(Unavailable));
        }
    }

    [Test]
    public async Task Unreachable_database_makes_the_key_set_and_bearer_checks_503_or_401_never_500()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?>
        {
            ["Database:MigrateOnStartup"] = "false",
            ["ConnectionStrings:Pilito"] = $"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "missing-dir", "pilito.db")}",
        });
        using var client = app.CreateClient();

        using var jwks = await client.GetAsync(new Uri(Jwks.Path, UriKind.Relative));
        using var me = await client.MeAsync("eyJhbGciOiJFUzI1NiIsImtpZCI6IngifQ.eyJzdWIiOiJ4In0.c2ln");

        Assert.That(jwks.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(me.StatusCode, Is.AnyOf(HttpStatusCode.ServiceUnavailable, HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Database_locked_past_the_busy_timeout_is_a_503_and_serving_resumes_after()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?> { ["Database:SqliteBusyTimeout"] = "00:00:01" });
        using var client = app.CreateClient();
        await client.RequestCodeAsync(Phones.NextNational()); // database created and migrated

        HttpResponseMessage locked;
        await using (var other = new SqliteConnection(app.ConnectionString + ";Default Timeout=1"))
        {
            await other.OpenAsync();
            await using var hold = other.BeginTransaction(deferred: false); // another process holding the write lock
            locked = await client.RequestOtpAsync(Phones.NextNational());
        }

        using (locked)
        {
            Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That((await locked.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo(Unavailable));
        }

        using var after = await client.RequestOtpAsync(Phones.NextNational());
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Writer_briefly_holding_the_lock_is_waited_for()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?> { ["Database:SqliteBusyTimeout"] = "00:00:20" });
        using var client = app.CreateClient();
        await client.RequestCodeAsync(Phones.NextNational());

        await using var other = new SqliteConnection(app.ConnectionString);
        await other.OpenAsync();
        var hold = other.BeginTransaction(deferred: false);
        var waiting = client.RequestOtpAsync(Phones.NextNational()); // queues behind the lock
        await Task.Yield();
        hold.Commit();
        hold.Dispose();

        using var response = await waiting;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
