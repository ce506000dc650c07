using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Retention;

/// <summary>
/// Tokens past Otp:Retention are deleted in batches (ExecuteDelete of an ordered Take), hourly in the background and on
/// demand by purge-otp; on SQLite and on a real PostgreSQL server.
/// </summary>
[TestFixtureSource(typeof(TestProviders), nameof(TestProviders.Both))]
public sealed class RetentionTests(TestProvider provider)
{
    private FakeTimeProvider _clock = null!;
    private PilitoApp _app = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void Start()
    {
        // The background purge runs only in the test that is about it: elsewhere it would race the command.
        var background = TestContext.CurrentContext.Test.Name.StartsWith("Background", StringComparison.Ordinal);
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _app = new PilitoApp(null, new Dictionary<string, string?>
        {
            ["Otp:Retention"] = "30.00:00:00",
            ["Otp:PurgeBatchSize"] = "2", // several batches for a handful of tokens
            ["Otp:PurgeInterval"] = "01:00:00",
            ["Otp:PurgeInBackground"] = background ? "true" : "false",
            ["Admin:AuditRetention"] = "90.00:00:00",
        }, clock: _clock, provider: provider);
        _client = _app.CreateClient();
    }

    [TearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task Purge_command_deletes_tokens_past_retention_in_batches_and_keeps_the_rest()
    {
        var old = await RequestCodesAsync(5);
        _clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        var recent = await RequestCodesAsync(1);

        var result = await OperatorCommand.RunAsync(_app, "purge-otp");

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Output, Does.Contain("Deleted 5 OTP token(s)"));
        foreach (var phone in old)
            Assert.That(await Database.CountTokensAsync(_app, Phones.ToE164(phone)), Is.Zero);
        Assert.That(await Database.CountTokensAsync(_app, Phones.ToE164(recent[0])), Is.EqualTo(1));
    }

    [Test]
    public async Task Purge_command_takes_an_explicit_age()
    {
        var phones = await RequestCodesAsync(2);
        _clock.Advance(TimeSpan.FromDays(2));

        var result = await OperatorCommand.RunAsync(_app, "purge-otp", "--older-than", "1.00:00:00");

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Output, Does.Contain("Deleted 2 OTP token(s)"));
        Assert.That(await Database.CountTokensAsync(_app, Phones.ToE164(phones[0])), Is.Zero);
    }

    [Test]
    public async Task Purge_command_refuses_to_delete_codes_that_may_still_be_in_use()
    {
        var phones = await RequestCodesAsync(1);

        var result = await OperatorCommand.RunAsync(_app, "purge-otp", "--older-than", "00:05:00");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Line("❌ OlderThan:"), Is.EqualTo("❌ OlderThan: Keep at least an hour of tokens: younger codes may still be in use."));
        Assert.That(await Database.CountTokensAsync(_app, Phones.ToE164(phones[0])), Is.EqualTo(1));
    }

    [Test]
    public async Task Background_service_purges_once_the_interval_has_passed()
    {
        var phones = await RequestCodesAsync(3);
        _clock.Advance(TimeSpan.FromDays(31));
        var purged = _app.Logs.WaitForAsync(line => line.Contains("Purged 3 OTP tokens", StringComparison.Ordinal));

        _clock.Advance(TimeSpan.FromHours(1)); // the service's timer runs on the app's clock

        await purged.WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var phone in phones)
            Assert.That(await Database.CountTokensAsync(_app, Phones.ToE164(phone)), Is.Zero);
    }

    [Test]
    public async Task Purge_command_forgets_the_per_minute_counts_once_no_limit_can_see_them()
    {
        await RequestCodesAsync(3);
        _clock.Advance(TimeSpan.FromHours(26)); // the longest window is a day (the daily failure cap)
        await RequestCodesAsync(1);

        var result = await OperatorCommand.RunAsync(_app, "purge-otp");

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(await Database.ScalarAsync(_app, """SELECT COALESCE(SUM("Count"), 0) FROM "LimitCounts" WHERE "Scope" = 'service'"""),
            Is.EqualTo(1L), "only the recent code's minute is left");
    }

    [Test]
    public async Task Purge_command_deletes_refresh_tokens_that_expired_or_were_revoked_a_day_ago_and_keeps_live_ones()
    {
        var expiring = await _client.SignInAsync(Phones.NextNational());
        _clock.Advance(TimeSpan.FromDays(29));
        var signedOut = await _client.SignInAsync(Phones.NextNational());
        using (await _client.PostAsJsonAsync("/api/v1/usr/logout", new Dictionary<string, string> { ["refresh_token"] = RefreshTokenOf(signedOut) })) { }
        var live = await _client.SignInAsync(Phones.NextNational());
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1)); // the first is 30 days old: expired

        var result = await OperatorCommand.RunAsync(_app, "purge-otp");

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(await RefreshTokensOfAsync(expiring), Is.Zero, "expired");
        Assert.That(await RefreshTokensOfAsync(signedOut), Is.Zero, "revoked a day ago");
        Assert.That(await RefreshTokensOfAsync(live), Is.EqualTo(1));
        using var refreshed = await _client.PostAsJsonAsync(ApiClient.RefreshPath, new Dictionary<string, string> { ["refresh_token"] = RefreshTokenOf(live) });
        Assert.That(refreshed.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
    }

    [Test]
    public async Task Purge_command_deletes_audit_entries_past_Admin_AuditRetention_in_batches_and_keeps_newer_ones()
    {
        var old = await Staff.CreateAsync(_app);
        for (var i = 0; i < 3; i++)
            await StaffSignInAsync(old); // three entries: more than one batch of two
        _clock.Advance(TimeSpan.FromDays(60));
        var recent = await Staff.CreateAsync(_app);
        await StaffSignInAsync(recent);
        _clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1)); // old: past 90 days; recent: 30 days

        var result = await OperatorCommand.RunAsync(_app, "purge-otp");

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(await AuditEntriesOfAsync(old), Is.Zero);
        Assert.That(await AuditEntriesOfAsync(recent), Is.EqualTo(1));
        Assert.That(_app.Logs.All, Does.Contain("Purged 3 staff audit entries"));
    }

    [Test]
    public async Task Background_service_purges_audit_entries_past_Admin_AuditRetention()
    {
        var old = await Staff.CreateAsync(_app);
        await StaffSignInAsync(old);
        _clock.Advance(TimeSpan.FromDays(91));
        var purged = _app.Logs.WaitForAsync(line => line.Contains("Purged 1 staff audit entries", StringComparison.Ordinal));

        _clock.Advance(TimeSpan.FromHours(1)); // the service's timer runs on the app's clock

        await purged.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(await AuditEntriesOfAsync(old), Is.Zero);
    }

    private async Task StaffSignInAsync(string email)
    {
        using var client = Staff.Client(_app);
        using var response = await Staff.SignInAsync(client, email);
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Redirect), "signed in");
    }

    private Task<long> AuditEntriesOfAsync(string email) =>
        Database.ScalarAsync(_app, """SELECT COUNT(*) FROM "StaffAuditEntries" WHERE "StaffEmail" = @email""", ("@email", email));

    private Task<long> RefreshTokensOfAsync(System.Text.Json.JsonElement signIn) => Database.ScalarAsync(_app,
        """SELECT COUNT(*) FROM "RefreshTokens" WHERE "UserId" = @id""", ("@id", Database.UserId(_app, signIn.GetProperty("user").GetProperty("id").GetGuid())));

    private static string RefreshTokenOf(System.Text.Json.JsonElement signIn) => signIn.GetProperty("refresh_token").GetString()!;

    private async Task<List<string>> RequestCodesAsync(int count)
    {
        var phones = Enumerable.Range(0, count).Select(_ => Phones.NextNational()).ToList();
        foreach (var phone in phones)
            await _client.RequestCodeAsync(phone);
        return phones;
    }
}
