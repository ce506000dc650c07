using System.Net;
using System.Net.Http.Json;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hardening;

/// <summary>
/// The API while its writer cannot keep up (commits held open, a queue of one): an overflowing request is answered
/// 503 at once with the contract's text and a Retry-After, and a request whose client gives up while its write waits
/// stores nothing. Real SQLite under a commit the test holds; one app for the fixture, a phone per request.
/// </summary>
public sealed class WriteQueueTests
{
    private const string Unavailable = "Service temporarily unavailable. Please try again later.";

    private HeldCommits _commits = null!;
    private PilitoApp _app = null!;
    private HttpClient _client = null!;
    private WriterMeters _meters = null!;

    [OneTimeSetUp]
    public async Task StartApp()
    {
        _commits = new HeldCommits();
        _app = new PilitoApp(null, new Dictionary<string, string?>
        {
            ["Database:MaxQueuedWrites"] = "1",
            ["Database:WriteQueueTimeout"] = "00:01:00", // far off: a 503 here comes from the full queue
        }) { TestServices = _commits.Install };
        _client = _app.CreateClient();
        await _client.RequestCodeAsync(Phones.NextNational()); // database migrated, writer running
        _meters = new WriterMeters(_app);
    }

    [TearDown]
    public void ReleaseCommits() => _commits.Release();

    [OneTimeTearDown]
    public async Task StopApp()
    {
        _meters.Dispose();
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task Request_that_finds_the_write_queue_full_is_a_503_with_retry_after_and_the_waiting_ones_still_succeed()
    {
        // Verifications: one write each (a code request writes twice, and with a queue of one its second write could
        // be refused too once the commits go on).
        var phones = Enumerable.Range(0, 3).Select(_ => Phones.NextNational()).ToList();
        var codes = new List<string>();
        foreach (var phone in phones)
            codes.Add(await _client.RequestCodeAsync(phone));
        var logged = _app.Logs.Lines.Count;
        _commits.Hold();
        var committing = _client.VerifyOtpAsync(phones[0], codes[0]);
        await _commits.Staged;
        var queued = _client.VerifyOtpAsync(phones[1], codes[1]);
        await WritesWaitingAsync(2);

        using var refused = await _client.VerifyOtpAsync(phones[2], codes[2]).WaitAsync(TimeSpan.FromSeconds(20)); // at once, not queued
        _commits.Release();

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That((await refused.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo(Unavailable));
        Assert.That(refused.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 10), "a few seconds");
        foreach (var response in await Task.WhenAll(committing, queued))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            response.Dispose();
        }

        var lines = _app.Logs.Lines.Skip(logged).ToList();
        Assert.That(lines.Count(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("refused as busy", StringComparison.Ordinal)),
            Is.EqualTo(1), "logged once");
        Assert.That(lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)), Is.Empty);
        Assert.That((await Database.ReadNewestTokenAsync(_app, Phones.ToE164(phones[2])))["Status"], Is.EqualTo("Sent"), "the refused code is still unused");
    }

    [Test]
    public async Task Request_whose_client_gives_up_while_its_write_waits_stores_nothing()
    {
        _commits.Hold();
        var committing = _client.RequestOtpAsync(Phones.NextNational());
        await _commits.Staged;
        var phone = Phones.NextNational();
        using var gone = new CancellationTokenSource();
        var abandoned = _client.PostAsJsonAsync(ApiClient.RequestOtpPath, new Dictionary<string, string> { ["phone_number"] = phone }, gone.Token);
        await WritesWaitingAsync(2);

        await gone.CancelAsync();
        await WritesWaitingAsync(1); // withdrawn while the commit is still held: never staged
        await Assert.CatchAsync<OperationCanceledException>(() => abandoned);
        _commits.Release();

        using (var response = await committing)
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await WritesWaitingAsync(0);
        Assert.That(await Database.CountTokensAsync(_app, Phones.ToE164(phone)), Is.Zero);
    }

    private Task WritesWaitingAsync(int count) => Eventually.HoldsAsync(() => Task.FromResult(_meters.WritesWaiting() == count),
        TimeSpan.FromSeconds(10), () => $"{count} writes waiting (saw {_meters.WritesWaiting()})");
}
