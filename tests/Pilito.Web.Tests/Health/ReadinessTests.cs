using System.Net;
using System.Text.Json;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Health;

/// <summary>/health/ready's sms_credit entry: Kavenegar credit from account/info, cached; low credit degrades, never fails.</summary>
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

        using var response = await client.GetAsync("/health/ready");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await response.JsonAsync();
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

        using var response = await client.GetAsync("/health/ready");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "taking the instance out would not bring credit back");
        var body = await response.JsonAsync();
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

        using var first = await client.GetAsync("/health/ready");
        using var second = await client.GetAsync("/health/ready");

        Assert.That(_kavenegar.CallsWith(key, "account/info"), Has.Count.EqualTo(1));
        Assert.That(Credit(await second.JsonAsync()).GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    private PilitoApp AppWithCredit(string key, long credit)
    {
        _kavenegar.AddAccount(key, credit);
        return new PilitoApp(_kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = key });
    }

    private static JsonElement Credit(JsonElement body) => body.GetProperty("checks").GetProperty("sms_credit");
}
