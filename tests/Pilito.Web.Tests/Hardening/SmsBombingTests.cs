using System.Net;
using Microsoft.Extensions.Time.Testing;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hardening;

/// <summary>
/// Attack 3 of docs/security.md: a script asks codes for a chosen victim all day. Three codes come at once, as before;
/// each further code waits longer (1, 2, 5, then 15 minutes), and no phone gets more than ten codes in 24 hours.
/// </summary>
public sealed class SmsBombingTests
{
    private FakeTimeProvider _clock = null!;
    private PilitoApp _app = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void Start()
    {
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _app = new PilitoApp(null, clock: _clock);
        _client = _app.CreateClient();
    }

    [TearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task After_three_codes_each_further_code_waits_longer_with_Retry_After()
    {
        var phone = Phones.NextNational();
        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(i == 0 ? 0 : 50));
            await _client.RequestCodeAsync(phone);
        }

        // 130 s after the first code the two-minute window holds two codes and would allow a fourth.
        _clock.Advance(TimeSpan.FromSeconds(30));
        var waits = new List<double>();
        foreach (var delay in new[] { 30, 120, 300, 900, 900 })
        {
            using var early = await _client.RequestOtpAsync(phone);
            Assert.That(early.StatusCode, Is.EqualTo((HttpStatusCode)429));
            Assert.That((await early.JsonAsync()).FieldError("phone_number"), Does.StartWith("Too many OTP requests. Please try again in"));
            waits.Add(early.Headers.RetryAfter!.Delta!.Value.TotalSeconds);
            _clock.Advance(TimeSpan.FromSeconds(delay));
            await _client.RequestCodeAsync(phone);
        }

        Assert.That(waits, Is.EqualTo(new double[] { 30, 120, 300, 900, 900 }),
            "1 minute after the third code, then 2, 5 and 15 minutes after the one before");
    }

    [Test]
    public async Task No_phone_gets_more_than_ten_codes_a_day()
    {
        var phone = Phones.NextNational();
        for (var i = 0; i < 10; i++)
        {
            await _client.RequestCodeAsync(phone);
            _clock.Advance(TimeSpan.FromMinutes(16));
        }

        using var eleventh = await _client.RequestOtpAsync(phone);
        _clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(16 * 10) + TimeSpan.FromSeconds(1));
        using var nextDay = await _client.RequestOtpAsync(phone);

        Assert.That(eleventh.StatusCode, Is.EqualTo((HttpStatusCode)429));
        Assert.That((await eleventh.JsonAsync()).FieldError("phone_number"), Does.EndWith("hours."));
        Assert.That(eleventh.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(16 * 10)),
            "until the day's first code is 24 hours old");
        Assert.That(nextDay.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Database.CountTokensAsync(_app, Phones.ToE164(phone)), Is.EqualTo(11));
    }
}
