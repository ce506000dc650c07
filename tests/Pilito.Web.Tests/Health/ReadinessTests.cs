using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Health;

/// <summary>
/// /health/ready's sms_credit entry: Kavenegar credit from the last account/info answer, asked in the background;
/// low or unknown credit degrades, never fails, and a hanging Kavenegar never holds a probe up.
/// </summary>
public sealed class ReadinessTests
{
    private KavenegarStandIn _kavenegar = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _kavenegar = await KavenegarStandIn.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _kavenegar.DisposeAsync();

    [Test]
    public async Task Enough_credit_is_healthy()
    {
        await using var app = AppWithCredit("a0000000000000000000000000000001", 1_000_000);
        using var client = app.CreateClient();

        var body = await ReadyOnceCheckedAsync(client);

        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        var credit = Credit(body);
        Assert.That(credit.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        Assert.That(credit.GetProperty("description").GetString(), Is.EqualTo("1,000,000 Rial left"));
        Assert.That(credit.GetProperty("data").GetProperty("remaining_credit").GetInt64(), Is.EqualTo(1_000_000));
    }

    [Test]
    public async Task Low_credit_is_degraded_but_still_answers_200()
    {
        await using var app = AppWithCredit("a0000000000000000000000000000002", 50_000);
        using var client = app.CreateClient();

        var body = await ReadyOnceCheckedAsync(client);

        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Degraded"));
        var credit = Credit(body);
        Assert.That(credit.GetProperty("status").GetString(), Is.EqualTo("Degraded"));
        Assert.That(credit.GetProperty("description").GetString(), Is.EqualTo("low credit: 50,000 Rial left"));
    }

    [Test]
    public async Task Credit_is_cached_between_readiness_checks()
    {
        const string key = "a0000000000000000000000000000003";
        await using var app = AppWithCredit(key, 1_000_000);
        using var client = app.CreateClient();

        await ReadyOnceCheckedAsync(client);
        using var second = await client.GetAsync("/health/ready");

        Assert.That(_kavenegar.CallsWith(key, "account/info"), Has.Count.EqualTo(1));
        Assert.That(Credit(await second.JsonAsync()).GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task A_hanging_account_info_never_holds_up_a_probe_and_is_asked_once()
    {
        const string key = "a0000000000000000000000000000004";
        var gate = new StandInGate();
        _kavenegar.AddAccount(key, 1_000_000);
        _kavenegar.SetAnswer(key, "account/info", new StandInBehaviour.Gated(gate));
        await using var app = new PilitoApp(_kavenegar.BaseUrl, new Dictionary<string, string?>
        {
            ["Kavenegar:ApiKey"] = key,
            ["Kavenegar:Timeout"] = "00:01:00", // the question stays in flight until the test opens the gate
        });
        using var client = app.CreateClient();

        var probes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            // A bound on the test, not a timing assertion: a probe that waited on Kavenegar would wait for the gate.
            using var response = await client.GetAsync("/health/ready").WaitAsync(TimeSpan.FromSeconds(30));
            return (response.StatusCode, Body: await response.JsonAsync());
        }));
        await gate.Arrived.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(probes.Select(p => p.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(probes.Select(p => Credit(p.Body).GetProperty("status").GetString()), Is.All.EqualTo("Degraded"));
        Assert.That(probes.Select(p => Credit(p.Body).GetProperty("description").GetString()), Is.All.EqualTo("credit unknown: not checked yet"));
        Assert.That(_kavenegar.CallsWith(key, "account/info"), Has.Count.EqualTo(1), "one question in flight, however many probes");

        gate.Open();
        var body = await ReadyOnceCheckedAsync(client);
        Assert.That(Credit(body).GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task An_old_figure_is_served_while_the_next_question_is_in_flight()
    {
        const string key = "a0000000000000000000000000000005";
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _kavenegar.AddAccount(key, 1_000_000);
        await using var app = new PilitoApp(_kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = key }, clock: clock);
        using var client = app.CreateClient();
        await ReadyOnceCheckedAsync(client);
        var gate = new StandInGate();
        _kavenegar.SetAnswer(key, "account/info", new StandInBehaviour.Gated(gate));

        clock.Advance(TimeSpan.FromMinutes(6)); // past Kavenegar:CreditCacheDuration
        using var stale = await client.GetAsync("/health/ready").WaitAsync(TimeSpan.FromSeconds(30));
        await gate.Arrived.WaitAsync(TimeSpan.FromSeconds(30));

        var credit = Credit(await stale.JsonAsync());
        Assert.That(credit.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        Assert.That(credit.GetProperty("data").GetProperty("remaining_credit").GetInt64(), Is.EqualTo(1_000_000));
        Assert.That(_kavenegar.CallsWith(key, "account/info"), Has.Count.EqualTo(2), "the old figure started the next question");
        gate.Open();
    }

    private PilitoApp AppWithCredit(string key, long credit)
    {
        _kavenegar.AddAccount(key, credit);
        return new PilitoApp(_kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = key });
    }

    /// <summary>The first readiness answer that carries a credit figure or a provider's refusal, not "not checked yet".</summary>
    private static async Task<JsonElement> ReadyOnceCheckedAsync(HttpClient client)
    {
        JsonElement body = default;
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await client.GetAsync("/health/ready");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "readiness answers 200 while the credit is unknown");
            body = await response.JsonAsync();
            return Credit(body).GetProperty("description").GetString() != "credit unknown: not checked yet";
        }, TimeSpan.FromSeconds(30), () => "the first account/info answer");
        return body;
    }

    private static JsonElement Credit(JsonElement body) => body.GetProperty("checks").GetProperty("sms_credit");
}
