using System.Text.Json;
using System.Net;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pilito.Application.Otp.CheckDeliveryStatus;
using Pilito.Application.Otp.TrackDeliveries;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Kavenegar;

/// <summary>
/// Issue #15, "never a 500": every answer of <see cref="OddAnswerCorpus"/>, over real HTTP from the stand-in, gives
/// a 502 with its reason recorded on the token (send, lookup), a degraded readiness entry (account/info) or a
/// message for the admin (sms/status), never an exception.
/// </summary>
public sealed class OddAnswerTests : StandInFixture
{
    private const string Template = "pilito-otp";
    private const string CreditKey = "odd-credit-key-0123456789";
    private PilitoApp _lookupApp = null!;
    private HttpClient _lookupClient = null!;
    private PilitoApp _creditApp = null!;
    private HttpClient _creditClient = null!;

    [OneTimeSetUp]
    public void StartLookupAndCreditApps()
    {
        Kavenegar.AddTemplate(Template);
        _lookupApp = new PilitoApp(Kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:Template"] = Template });
        _lookupClient = _lookupApp.CreateClient();
        // A fake clock moved past Kavenegar:CreditCacheDuration before each check: every probe reads account/info.
        Kavenegar.AddAccount(CreditKey, 1_000_000);
        _creditApp = new PilitoApp(Kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = CreditKey }, clock: new FakeTimeProvider(DateTimeOffset.UtcNow));
        _creditClient = _creditApp.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopLookupAndCreditAppsAsync()
    {
        _lookupClient?.Dispose();
        _creditClient?.Dispose();
        if (_lookupApp is not null)
            await _lookupApp.DisposeAsync();
        if (_creditApp is not null)
            await _creditApp.DisposeAsync();
    }

    private static IEnumerable<TestCaseData> Sends() =>
        from method in new[] { "sms/send", "verify/lookup" }
        from answer in OddAnswerCorpus.Sends()
        select new TestCaseData(method, answer.Name).SetArgDisplayNames(method, answer.Name);

    private static IEnumerable<TestCaseData> AccountInfo() =>
        OddAnswerCorpus.AccountInfo().Select(a => new TestCaseData(a.Name).SetArgDisplayNames(a.Name));

    private static IEnumerable<TestCaseData> Status() =>
        OddAnswerCorpus.Status().Select(a => new TestCaseData(a.Name).SetArgDisplayNames(a.Name));

    [TestCaseSource(nameof(Sends))]
    public async Task Odd_send_answer_is_a_502_with_its_reason_recorded_on_the_token(string method, string name)
    {
        var (_, answer, reason, status) = OddAnswerCorpus.Sends().Single(a => a.Name == name);
        var (app, client) = method == "sms/send" ? (App, Client) : (_lookupApp, _lookupClient);
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, answer);

        using var response = await client.RequestOtpAsync(phone);

        Assert.That(Kavenegar.CallsTo(method, phone), Has.Count.EqualTo(1), "went through " + method + ", once");
        var row = await Database.ReadNewestTokenAsync(app, Phones.ToE164(phone));
        if (reason is null)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(row["Status"], Is.EqualTo("Sent"));
            Assert.That(row["ProviderMessageId"], Is.Not.Null);
            return;
        }

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo("Failed to send OTP: " + reason));
        Assert.That(row["Status"], Is.EqualTo("SendFailed"));
        Assert.That(row["ProviderError"], Is.EqualTo(reason));
        Assert.That(row["ProviderStatusCode"], Is.EqualTo(status is { } s ? (object)(long)s : null));
        Assert.That(row["ProviderMessageId"], Is.Null);
    }

    [TestCaseSource(nameof(AccountInfo))]
    public async Task Odd_account_info_answer_degrades_readiness_with_a_message(string name)
    {
        var (_, answer, health, description) = OddAnswerCorpus.AccountInfo().Single(a => a.Name == name);
        Kavenegar.SetAnswer(CreditKey, "account/info", answer);
        var clock = _creditApp.Clock!;
        clock.Advance(TimeSpan.FromHours(1));
        var asked = clock.GetUtcNow();
        try
        {
            var (status, credit) = await FirstCreditAnswerSinceAsync(asked);

            Assert.That(status, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable), "readiness answers, never a 500");
            Assert.That(credit.GetProperty("status").GetString(), Is.EqualTo(health));
            Assert.That(credit.GetProperty("description").GetString(), Is.EqualTo(description));
        }
        finally
        {
            Kavenegar.ClearAnswer(CreditKey, "account/info");
        }
    }

    /// <summary>
    /// Probes readiness until it shows an account/info answer read after <paramref name="asked"/>: the probe answers
    /// from the last figure and asks Kavenegar in the background. Each round moves the fake clock on a minute, which
    /// lets the question's retry delays pass and makes its answer old enough to be asked again.
    /// </summary>
    private async Task<(HttpStatusCode Status, JsonElement Credit)> FirstCreditAnswerSinceAsync(DateTimeOffset asked)
    {
        (HttpStatusCode, JsonElement) seen = default;
        await Eventually.HoldsAsync(async () =>
        {
            _creditApp.Clock!.Advance(TimeSpan.FromMinutes(1));
            using var response = await _creditClient.GetAsync("/health/ready");
            var credit = (await response.JsonAsync()).GetProperty("checks").GetProperty("sms_credit");
            seen = (response.StatusCode, credit);
            return credit.GetProperty("description").GetString() != "credit unknown: not checked yet"
                && credit.GetProperty("data").GetProperty("checked_at").GetDateTimeOffset() >= asked;
        }, TimeSpan.FromSeconds(30), () => "an account/info answer read after the odd answer was set");
        return seen;
    }

    [TestCaseSource(nameof(Status))]
    public async Task Odd_status_answer_gives_the_admin_a_message_and_keeps_the_token(string name)
    {
        var (_, answer, text) = OddAnswerCorpus.Status().Single(a => a.Name == name);
        var phone = Phones.NextNational();
        await Client.RequestCodeAsync(phone);
        var tokenId = (long)(await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone)))["Id"]!;
        Kavenegar.SetAnswer(KavenegarStandIn.ValidKey, "sms/status", answer);
        try
        {
            await using var scope = App.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CheckDeliveryStatusCommand(tokenId, Staff.Operator));

            Assert.That(result.Status, Is.Null);
            Assert.That(result.StatusText, Is.EqualTo(text));
            var row = await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone));
            Assert.That(row["DeliveryStatus"], Is.Null);
            Assert.That(row["DeliveryCheckedAt"], Is.Null);
        }
        finally
        {
            Kavenegar.ClearAnswer(KavenegarStandIn.ValidKey, "sms/status");
        }
    }

    [TestCaseSource(nameof(Status))]
    public async Task Odd_status_answer_leaves_background_tracking_to_its_next_run(string name)
    {
        var (_, answer, _) = OddAnswerCorpus.Status().Single(a => a.Name == name);
        var phone = Phones.NextNational();
        await Client.RequestCodeAsync(phone);
        Kavenegar.SetAnswer(KavenegarStandIn.ValidKey, "sms/status", answer);
        try
        {
            await using var scope = App.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new TrackDeliveriesCommand());

            Assert.That(result.Asked, Is.Positive);
            var row = await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone));
            Assert.That(row["DeliveryStatus"], Is.Null);
            Assert.That(row["DeliveryOutcome"], Is.Null);
            Assert.That(row["DeliveryCheckedAt"], Is.Null, "asked again at the next run");
        }
        finally
        {
            Kavenegar.ClearAnswer(KavenegarStandIn.ValidKey, "sms/status");
        }
    }
}
