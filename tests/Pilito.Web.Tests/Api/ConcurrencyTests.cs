using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Api;

/// <summary>
/// The limits hold across app instances that share one database: two instances of the app (each with its own
/// services and connection pool, nothing shared in memory) on one database, hit at once: a SQLite file (one
/// writer at a time) and a PostgreSQL database on a real server (serializable rounds retried on 40001/40P01).
/// </summary>
[TestFixtureSource(typeof(TestProviders), nameof(TestProviders.Both))]
public sealed class ConcurrencyTests(TestProvider provider) : StandInFixture(provider)
{
    private PilitoApp _second = null!;
    private HttpClient[] _clients = [];

    // The fixture's app is the first instance.
    [OneTimeSetUp]
    public void StartSecondInstance()
    {
        _second = NewApp(Kavenegar.BaseUrl, databasePath: App.DatabasePath);
        _clients = [Client, _second.CreateClient()];
    }

    [OneTimeTearDown]
    public async Task StopSecondInstanceAsync()
    {
        if (_clients.Length > 1)
            _clients[1].Dispose();
        if (_second is not null)
            await _second.DisposeAsync();
    }

    [Test]
    public async Task Twenty_simultaneous_requests_for_one_phone_send_exactly_three_SMS()
    {
        var phone = Phones.NextNational();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _clients[i % 2].RequestOtpAsync(phone)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(3));
        Assert.That(statuses.Count(s => s == (HttpStatusCode)429), Is.EqualTo(17));
        Assert.That(Kavenegar.SendsTo(phone), Has.Count.EqualTo(3));
        Assert.That(await Database.CountTokensAsync(App, Phones.ToE164(phone)), Is.EqualTo(3));
        foreach (var response in responses)
            response.Dispose();
    }

    [Test]
    public async Task Ten_simultaneous_verifies_of_one_code_succeed_exactly_once()
    {
        var phone = Phones.NextNational();
        var code = await _clients[0].RequestCodeAsync(phone);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => _clients[i % 2].VerifyOtpAsync(phone, code)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(1));
        Assert.That(statuses.Count(s => s == HttpStatusCode.BadRequest), Is.EqualTo(9));
        foreach (var response in responses)
            response.Dispose();
    }

    [Test]
    public async Task Account_created_through_one_instance_signs_in_through_the_other()
    {
        var phone = Phones.NextNational();
        var code = await _clients[0].RequestCodeAsync(phone);
        using var signIn = await _clients[1].VerifyOtpAsync(phone, code);
        var firstId = (await signIn.JsonAsync()).GetProperty("user").GetProperty("id").GetGuid();

        var again = await _clients[0].SignInAsync(phone);

        Assert.That(again.GetProperty("user").GetProperty("id").GetGuid(), Is.EqualTo(firstId));
    }
}
