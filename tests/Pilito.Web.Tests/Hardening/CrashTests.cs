using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hardening;

/// <summary>
/// A real server process stopped the two ways production stops one: SIGTERM (a deploy, `docker stop`) lets the
/// request in flight finish; SIGKILL (a crash, the OOM killer) may lose requests in flight, never an answered one.
/// </summary>
[Category(TestSpeed.Process)]
public sealed class CrashTests
{
    private const int Requests = 200;
    private const int AtOnce = 16;
    private const int KillAfter = 40;

    private string _database = null!;
    private TestProvider _provider = TestProvider.Sqlite;
    private KavenegarStandIn _kavenegar = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _provider = TestProvider.Sqlite; // a PostgreSQL case sets its own
        _database = DatabaseFile.NewPath();
        _kavenegar = await KavenegarStandIn.StartAsync();
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _kavenegar.DisposeAsync();
        DatabaseFile.Delete(_provider, _database);
    }

    [Test]
    public async Task SIGTERM_lets_the_request_in_flight_finish_and_exits_zero()
    {
        var phone = Phones.NextNational();
        var gate = new StandInGate();
        _kavenegar.SetReceptor(phone, new StandInBehaviour.Gated(gate));
        var settings = Settings(migrate: true);
        settings["Kavenegar__Timeout"] = "00:00:30"; // the gate, not the client's timeout, decides when Kavenegar answers
        await using var server = await PilitoServer.StartAsync(settings);
        using var client = server.CreateClient();
        var request = client.RequestOtpAsync(phone);
        await WithinLimitAsync(gate.Arrived, server, "the SMS to reach Kavenegar"); // the code is committed by then

        await server.TerminateAsync();
        await Eventually.HoldsAsync(async () => !await server.AcceptsConnectionsAsync(), PilitoServer.Limit,
            () => $"the server to stop accepting connections after SIGTERM:\n{server.Output}");
        Assert.That(request.IsCompleted, Is.False, "still in flight while the server drains");
        gate.Open();
        using var response = await request;
        var exitCode = await server.WaitForExitAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(exitCode, Is.Zero, server.Output);
        var statuses = await DatabaseFile.NewestStatusesAsync(_database);
        Assert.That(statuses.GetValueOrDefault(Phones.ToE164(phone)), Is.EqualTo("Sent"), "the token and Kavenegar's answer were saved");
        Assert.That(_kavenegar.SendsTo(phone), Has.Count.EqualTo(1));
    }

    // A process crash loses nothing answered in either sync mode: Normal gives up only power-cut durability. On
    // PostgreSQL the server outlives the killed instance: an answered round was committed on it.
    [TestCase(TestProvider.Sqlite, "Full")]
    [TestCase(TestProvider.Sqlite, "Normal")]
    [TestCase(TestProvider.PostgreSql, "Full")]
    public async Task SIGKILL_loses_no_answered_code_and_the_restarted_server_honours_them(TestProvider provider, string synchronous)
    {
        _provider = provider;
        _database = DatabaseFile.New(provider);
        var phones = Enumerable.Range(0, Requests).Select(_ => Phones.NextNational()).ToList();
        Dictionary<string, string> survivors; // national phone → code, answered 200 before the kill
        await using (var server = await PilitoServer.StartAsync(Settings(migrate: true, synchronous)))
        {
            survivors = await AnswersBeforeKillAsync(server, phones, async (client, phone) =>
            {
                using var response = await client.RequestOtpAsync(phone);
                var body = await response.JsonAsync();
                return response.StatusCode == HttpStatusCode.OK ? body.GetProperty("code").GetString() : null;
            });
        }

        await using var restarted = await PilitoServer.StartAsync(Settings(migrate: false));
        var statuses = await DatabaseFile.NewestStatusesAsync(provider, _database);
        var missing = survivors.Keys.Where(p => statuses.GetValueOrDefault(Phones.ToE164(p)) != "Sent").ToList();
        Assert.That(missing, Is.Empty, $"answered before the kill, but not saved as sent ({survivors.Count} answered)");
        var (phone, code) = survivors.First();
        using var restartedClient = restarted.CreateClient();
        using var verify = await restartedClient.VerifyOtpAsync(phone, code);
        Assert.That(verify.StatusCode, Is.EqualTo(HttpStatusCode.OK), await verify.Content.ReadAsStringAsync());
    }

    [TestCase("Full")]
    [TestCase("Normal")]
    public async Task SIGKILL_loses_no_answered_sign_in_and_the_restarted_server_honours_its_refresh_token(string synchronous)
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        Dictionary<string, string> survivors; // national phone → refresh token, signed in (200) before the kill
        await using (var server = await PilitoServer.StartAsync(Settings(migrate: true, synchronous)))
        {
            using (var client = server.CreateClient())
            {
                foreach (var phone in Enumerable.Range(0, Requests).Select(_ => Phones.NextNational()))
                    codes[phone] = await client.RequestCodeAsync(phone);
            }

            survivors = await AnswersBeforeKillAsync(server, [.. codes.Keys], async (client, phone) =>
            {
                using var response = await client.VerifyOtpAsync(phone, codes[phone]);
                var body = await response.JsonAsync();
                return response.StatusCode == HttpStatusCode.OK ? body.GetProperty("refresh_token").GetString() : null;
            });
        }

        await using var restarted = await PilitoServer.StartAsync(Settings(migrate: false));
        var statuses = await DatabaseFile.NewestStatusesAsync(_database);
        var missing = survivors.Keys.Where(p => statuses.GetValueOrDefault(Phones.ToE164(p)) != "Verified").ToList();
        Assert.That(missing, Is.Empty, $"signed in before the kill, but the code is not saved as used ({survivors.Count} answered)");
        using var restartedClient = restarted.CreateClient();
        foreach (var (phone, refreshToken) in survivors.Take(5))
        {
            using var again = await restartedClient.VerifyOtpAsync(phone, codes[phone]);
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the code was spent before the kill");
            using var refreshed = await restartedClient.PostAsJsonAsync(ApiClient.RefreshPath, new Dictionary<string, string> { ["refresh_token"] = refreshToken });
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await refreshed.Content.ReadAsStringAsync());
        }
    }

    /// <summary>
    /// Sends one request per phone, <see cref="AtOnce"/> at a time, and kills the server once <see cref="KillAfter"/>
    /// have been answered; returns each answered phone's value. Requests in flight at the kill may fail.
    /// </summary>
    private static async Task<Dictionary<string, string>> AnswersBeforeKillAsync(
        PilitoServer server, List<string> phones, Func<HttpClient, string, Task<string?>> send)
    {
        var answered = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var enoughAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killed = false;
        using var client = server.CreateClient();
        using var slots = new SemaphoreSlim(AtOnce);
        var stream = phones.Select(async phone =>
        {
            await slots.WaitAsync();
            try
            {
                if (Volatile.Read(ref killed))
                    return;
                if (await send(client, phone) is not { } value)
                    return;
                answered[phone] = value;
                if (answered.Count >= KillAfter)
                    enoughAnswered.TrySetResult();
            }
            catch (HttpRequestException)
            {
                // in flight at the kill: may fail
            }
            catch (TaskCanceledException)
            {
                // in flight at the kill, and never answered
            }
            catch (IOException)
            {
                // the connection broke mid-answer
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await WithinLimitAsync(enoughAnswered.Task, server, $"{KillAfter} answers");

        await server.KillAsync();
        Volatile.Write(ref killed, true);
        await Task.WhenAll(stream);
        var survivors = answered.ToDictionary();
        Assert.That(survivors, Has.Count.InRange(KillAfter, phones.Count - 1), "killed partway through");
        return survivors;
    }

    private static async Task WithinLimitAsync(Task awaited, PilitoServer server, string what)
    {
        try
        {
            await awaited.WaitAsync(PilitoServer.Limit);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Waited {PilitoServer.Limit} for {what}:\n{server.Output}");
        }
    }

    private Dictionary<string, string?> Settings(bool migrate, string synchronous = "Full")
    {
        var settings = PilitoServer.Settings(_provider, _database, _kavenegar.BaseUrl);
        settings["Database__MigrateOnStartup"] = migrate ? "true" : "false";
        settings["Database__SqliteSynchronous"] = synchronous;
        return settings;
    }
}
