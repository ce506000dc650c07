using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Infrastructure.Persistence.GroupCommit;
using Pilito.Infrastructure.Persistence.GroupCommit.Ef;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Persistence;

/// <summary>
/// The write rounds production runs on SQL Server (EF Core: tracked entities, one transaction, the domain's own
/// methods) cannot meet a SQL Server here; EF Core runs them on the real SQLite file instead, so the code of that
/// path (admissions, delivery answers, verifications and their sign-ins) is exercised end to end.
/// </summary>
public sealed class EfWriteRoundTests
{
    private const int Burst = 20;

    private PilitoApp _app = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void StartApp()
    {
        _app = new PilitoApp(null, new Dictionary<string, string?> { ["Otp:MaxVerifyFailuresPerPhonePerHour"] = "2" })
        {
            TestServices = services => services.AddSingleton<IWriteDatabase, EfWriteDatabase>(),
        };
        _client = _app.CreateClient();
    }

    [TearDown]
    public async Task StopApp()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public void The_app_runs_on_EF_write_rounds()
    {
        Assert.That(_app.Services.GetRequiredService<IWriteDatabase>(), Is.InstanceOf<EfWriteDatabase>());
    }

    [Test]
    public async Task Codes_issued_in_one_burst_are_each_sent_and_each_verifies_once()
    {
        var phones = Enumerable.Range(0, Burst).Select(_ => Phones.NextNational()).ToList();

        var codes = await Task.WhenAll(phones.Select(_client.RequestCodeAsync));
        var first = await Task.WhenAll(phones.Select((phone, i) => _client.VerifyOtpAsync(phone, codes[i])));
        var again = await Task.WhenAll(phones.Select((phone, i) => _client.VerifyOtpAsync(phone, codes[i])));

        Assert.That(first.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(again.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.BadRequest), "a code signs in once");
        foreach (var phone in phones)
            Assert.That((await Database.ReadNewestTokenAsync(_app, Phones.ToE164(phone)))["Status"], Is.EqualTo("Verified"));
        using var refreshed = await _client.PostAsJsonAsync(ApiClient.RefreshPath,
            new Dictionary<string, string> { ["refresh_token"] = (await first[0].JsonAsync()).GetProperty("refresh_token").GetString()! });
        Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the refresh token was stored with the sign-in");
        foreach (var response in first.Concat(again))
            response.Dispose();
    }

    [Test]
    public async Task A_second_code_supersedes_the_first_and_a_later_sign_in_finds_the_same_account()
    {
        var phone = Phones.NextNational();
        var firstCode = await _client.RequestCodeAsync(phone);
        var signIn = await _client.SignInAsync(phone);

        using var stale = await _client.VerifyOtpAsync(phone, firstCode);
        var again = await _client.SignInAsync(phone);

        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the superseded code no longer verifies");
        Assert.That(again.GetProperty("is_new_user").GetBoolean(), Is.False);
        Assert.That(again.GetProperty("user").GetProperty("id").GetGuid(), Is.EqualTo(signIn.GetProperty("user").GetProperty("id").GetGuid()));
    }

    [Test]
    public async Task Wrong_codes_are_counted_against_the_phone_up_to_the_hourly_cap()
    {
        var phone = Phones.NextNational();
        var code = await _client.RequestCodeAsync(phone);
        var wrong = code == "000000" ? "111111" : "000000";

        using var firstWrong = await _client.VerifyOtpAsync(phone, wrong);
        using var secondWrong = await _client.VerifyOtpAsync(phone, wrong);
        using var right = await _client.VerifyOtpAsync(phone, code);

        Assert.That(firstWrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(secondWrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(right.StatusCode, Is.EqualTo((HttpStatusCode)429), "two failures in the hour reach the cap of 2");
        Assert.That((await Database.ReadNewestTokenAsync(_app, Phones.ToE164(phone)))["FailedAttempts"], Is.EqualTo(2L));
    }
}
