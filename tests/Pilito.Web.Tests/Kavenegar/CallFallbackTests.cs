using System.Globalization;
using System.Net;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Application.Otp.TrackDeliveries;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Kavenegar;

/// <summary>
/// Otp:FallbackToCall: when delivery tracking learns an SMS code was not delivered, the phone is called once with a new
/// code that replaces it, under the same verification id. Each test has its own app and Kavenegar account, on a fake clock.
/// </summary>
[TestFixtureSource(typeof(TestProviders), nameof(TestProviders.Both))]
public sealed class CallFallbackTests(TestProvider provider) : StandInFixture(provider)
{
    private string _key = KavenegarStandIn.ValidKey;

    [Test]
    public async Task An_undelivered_sms_is_replaced_by_one_call_whose_code_signs_in_with_the_same_verification_id()
    {
        await using var s = Start();
        var sms = await SmsReportedAsync(s, 11);

        await TrackAsync(s.App);

        var call = Kavenegar.VoiceCallsTo(sms.Phone).Single();
        var spoken = Code(call["message"]!);
        Assert.That(spoken, Is.Not.EqualTo(sms.Code).And.Length.EqualTo(6), "a new code: the SMS code is only stored hashed");
        var rows = await Database.StatusesAsync(s.App, Phones.ToE164(sms.Phone));
        Assert.That(rows, Is.EqualTo(new[] { "Superseded", "Sent" }), "oldest first: the SMS code, then the call's");
        var newest = await Database.ReadNewestTokenAsync(s.App, Phones.ToE164(sms.Phone));
        Assert.That(newest["Channel"], Is.EqualTo("Call"));
        Assert.That(Convert.ToInt64(newest["ReplacesTokenId"], CultureInfo.InvariantCulture), Is.EqualTo(sms.TokenId));

        using var oldCode = await s.Client.VerifyOtpAsync(sms.Phone, sms.Code, sms.VerificationId);
        Assert.That(oldCode.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the replaced SMS code no longer signs in");
        using var verified = await s.Client.VerifyOtpAsync(sms.Phone, spoken, sms.VerificationId);
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the call's code, with the handle the client holds");
    }

    [Test]
    public async Task The_call_is_placed_once_however_often_the_failure_is_reported()
    {
        await using var s = Start();
        var sms = await SmsReportedAsync(s, 11);

        await TrackAsync(s.App);
        s.Clock.Advance(TimeSpan.FromSeconds(30));
        var call = Kavenegar.MessagesTo(sms.Phone).Single(m => m.Method == "call/maketts");
        Kavenegar.SetDeliveryStatus(call.MessageId, 11); // the call is not answered either
        await TrackAsync(s.App);
        s.Clock.Advance(TimeSpan.FromSeconds(30));
        await TrackAsync(s.App);

        Assert.That(Kavenegar.VoiceCallsTo(sms.Phone), Has.Count.EqualTo(1));
        Assert.That(await Database.CountTokensAsync(s.App, Phones.ToE164(sms.Phone)), Is.EqualTo(2));
    }

    [TestCase(10, false)] // delivered
    [TestCase(5, false)] // on its way
    [TestCase(100, false)] // unknown to Kavenegar
    [TestCase(6, true)] // sender line failure
    [TestCase(14, true)] // blocked: the recipient refuses advertising lines
    public async Task Only_a_failed_delivery_calls(int status, bool calls)
    {
        await using var s = Start();
        var sms = await SmsReportedAsync(s, status);

        await TrackAsync(s.App);

        Assert.That(Kavenegar.VoiceCallsTo(sms.Phone), Has.Count.EqualTo(calls ? 1 : 0));
    }

    [Test]
    public async Task Off_by_default_an_undelivered_sms_stays_as_it_is()
    {
        await using var s = Start(fallback: false);
        var sms = await SmsReportedAsync(s, 11);

        await TrackAsync(s.App);

        Assert.That(Kavenegar.VoiceCallsTo(sms.Phone), Is.Empty);
        Assert.That((await Database.ReadNewestTokenAsync(s.App, Phones.ToE164(sms.Phone)))["DeliveryOutcome"], Is.EqualTo("Failed"));
    }

    [Test]
    public async Task A_code_that_expired_or_was_already_typed_is_not_called_for()
    {
        await using var s = Start();
        var expired = await RequestAsync(s);
        var typed = await RequestAsync(s);
        using (var verified = await s.Client.VerifyOtpAsync(typed.Phone, typed.Code, typed.VerificationId))
            Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Kavenegar.SetDeliveryStatus(expired.MessageId, 11);
        Kavenegar.SetDeliveryStatus(typed.MessageId, 11);
        s.Clock.Advance(TimeSpan.FromMinutes(5)); // Otp:Lifetime: the first code has expired

        await TrackAsync(s.App);

        Assert.That(Kavenegar.VoiceCallsTo(expired.Phone), Is.Empty);
        Assert.That(Kavenegar.VoiceCallsTo(typed.Phone), Is.Empty);
    }

    [Test]
    public async Task A_spent_hourly_budget_leaves_the_sms_uncalled()
    {
        await using var s = Start(settings: new() { ["Otp:MaxSendsPerHour"] = "1" });
        var sms = await SmsReportedAsync(s, 11);

        await TrackAsync(s.App);

        Assert.That(Kavenegar.VoiceCallsTo(sms.Phone), Is.Empty, "the one code of the hour was the SMS");
        var metrics = await s.Client.GetStringAsync("/metrics");
        Assert.That(metrics, Does.Match(Prometheus.Series("pilito_otp_call_fallbacks_total", "outcome=\"budget_exhausted\"") + " 1\\b"));
    }

    [Test]
    public async Task Staff_see_which_sms_the_call_replaced()
    {
        await using var s = Start();
        var sms = await SmsReportedAsync(s, 11);
        await TrackAsync(s.App);
        var callId = (long)(await Database.ReadNewestTokenAsync(s.App, Phones.ToE164(sms.Phone)))["Id"]!;
        using var admin = await Staff.SignedInClientAsync(s.App, await Staff.CreateAsync(s.App, StaffRoles.Admin));

        var page = await admin.GetStringAsync(Pilito.Web.Admin.AdminPaths.OtpToken(callId));

        Assert.That(page, Does.Contain($"<a id=\"replaces\" href=\"{Pilito.Web.Admin.AdminPaths.OtpToken(sms.TokenId)}\">"));
        Assert.That(page, Does.Contain("Voice fallback of"));
    }

    private Scenario Start(bool fallback = true, Dictionary<string, string?>? settings = null)
    {
        var key = "fallback-" + Guid.NewGuid().ToString("N");
        Kavenegar.AddAccount(key, credit: 1_000_000);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var all = new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = key };
        if (fallback)
            all["Otp:FallbackToCall"] = "true"; // unset otherwise: the default is off
        foreach (var (name, value) in settings ?? [])
            all[name] = value;
        var app = NewApp(Kavenegar.BaseUrl, all, clock: clock);
        _key = key;
        return new Scenario(app, app.CreateClient(), clock);
    }

    /// <summary>An SMS code whose delivery Kavenegar reports with <paramref name="status"/> (11: not delivered).</summary>
    private async Task<SentSms> SmsReportedAsync(Scenario s, int status)
    {
        var sms = await RequestAsync(s);
        Kavenegar.SetDeliveryStatus(sms.MessageId, status);
        return sms;
    }

    private async Task<SentSms> RequestAsync(Scenario s)
    {
        var phone = Phones.NextNational();
        var (code, verificationId) = await s.Client.RequestVerificationAsync(phone);
        var row = await Database.ReadNewestTokenAsync(s.App, Phones.ToE164(phone));
        Assert.That(Kavenegar.CallsWith(_key, "sms/send"), Is.Not.Empty);
        return new SentSms(phone, code, verificationId, (long)row["Id"]!, long.Parse((string)row["ProviderMessageId"]!, CultureInfo.InvariantCulture));
    }

    private static async Task TrackAsync(PilitoApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new TrackDeliveriesCommand());
    }

    /// <summary>The code a call speaks: "Your Pilito code is 4 8 2 1 … Again: …" → "4821…".</summary>
    private static string Code(string message) =>
        string.Concat(message[..message.IndexOf('.', StringComparison.Ordinal)].Where(char.IsAsciiDigit));

    /// <summary>One test's app, client and clock, stopped when the test ends.</summary>
    private sealed record Scenario(PilitoApp App, HttpClient Client, FakeTimeProvider Clock) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await App.DisposeAsync();
        }
    }

    private sealed record SentSms(string Phone, string Code, string VerificationId, long TokenId, long MessageId);
}
