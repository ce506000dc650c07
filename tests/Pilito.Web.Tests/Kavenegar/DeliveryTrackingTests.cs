using System.Globalization;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Application.Otp.TrackDeliveries;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Kavenegar;

/// <summary>
/// The background follow-up of sent codes: Kavenegar's sms/status asked in batches about the codes whose delivery is
/// not settled, each final answer recorded on its token once and counted by outcome and by the phone's operator. Each
/// test has its own app and database, on a fake clock.
/// </summary>
[TestFixtureSource(typeof(TestProviders), nameof(TestProviders.Both))]
public sealed class DeliveryTrackingTests(TestProvider provider) : StandInFixture(provider)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>The current test's Kavenegar account (the stand-in is shared by the fixture): its calls are this test's only.</summary>
    private string _key = KavenegarStandIn.ValidKey;

    [Test]
    public async Task Every_unsettled_code_is_asked_about_in_one_call_and_each_outcome_recorded()
    {
        var (app, client, _) = Start();
        await using var _ = app;
        using var __ = client;
        var delivered = await SendAsync(app, client, status: 10);
        var failed = await SendAsync(app, client, status: 11);
        var queued = await SendAsync(app, client, status: 5);

        var result = await TrackAsync(app);

        var asked = Kavenegar.CallsWith(_key, "sms/status");
        Assert.That(asked, Has.Count.EqualTo(1), "one call for the batch");
        Assert.That(asked[0]["messageid"]!.Split(','), Is.EquivalentTo(new[] { delivered.MessageId, failed.MessageId, queued.MessageId }));
        Assert.That(result, Is.EqualTo(new TrackDeliveriesResult(Asked: 3, Settled: 2)));
        await AssertDeliveryAsync(app, delivered, 10L, "Delivered");
        await AssertDeliveryAsync(app, failed, 11L, "Failed");
        await AssertDeliveryAsync(app, queued, 5L, "Pending");
    }

    [Test]
    public async Task A_settled_code_is_not_asked_about_again_and_a_pending_one_is_after_the_interval()
    {
        var (app, client, clock) = Start();
        await using var _ = app;
        using var __ = client;
        var delivered = await SendAsync(app, client, status: 10);
        var queued = await SendAsync(app, client, status: 1);
        await TrackAsync(app);

        var soon = await TrackAsync(app);
        clock.Advance(Interval);
        Kavenegar.SetDeliveryStatus(long.Parse(queued.MessageId, CultureInfo.InvariantCulture), 10);
        var later = await TrackAsync(app);

        Assert.That(soon.Asked, Is.Zero, "nothing asked twice within the interval");
        Assert.That(later, Is.EqualTo(new TrackDeliveriesResult(Asked: 1, Settled: 1)));
        Assert.That(Kavenegar.CallsWith(_key, "sms/status")[^1]["messageid"], Is.EqualTo(queued.MessageId));
        await AssertDeliveryAsync(app, delivered, 10L, "Delivered");
        await AssertDeliveryAsync(app, queued, 10L, "Delivered");
    }

    [Test]
    public async Task Codes_requested_longer_ago_than_the_window_are_no_longer_asked_about()
    {
        var (app, client, clock) = Start();
        await using var _ = app;
        using var __ = client;
        var queued = await SendAsync(app, client, status: 5);
        clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        var result = await TrackAsync(app);

        Assert.That(result.Asked, Is.Zero);
        Assert.That(Kavenegar.CallsWith(_key, "sms/status"), Is.Empty);
        Assert.That((await Database.ReadNewestTokenAsync(app, Phones.ToE164(queued.Phone)))["DeliveryOutcome"], Is.Null);
    }

    [Test]
    public async Task A_status_call_that_fails_leaves_the_codes_for_the_next_run()
    {
        var (app, client, _) = Start();
        await using var _ = app;
        using var __ = client;
        var sent = await SendAsync(app, client, status: 10);
        // Refused, not a transient fault: those are retried after delays on the app's clock, which this test holds still.
        Kavenegar.SetAnswer(_key, "sms/status", new StandInBehaviour.Status(403));
        try
        {
            var failed = await TrackAsync(app);

            Assert.That(failed, Is.EqualTo(new TrackDeliveriesResult(Asked: 1, Settled: 0)));
            Assert.That((await Database.ReadNewestTokenAsync(app, Phones.ToE164(sent.Phone)))["DeliveryCheckedAt"], Is.Null);
            Assert.That(app.Logs.Lines, Has.Some.Contains("gave no status for 1 messages"));
        }
        finally
        {
            Kavenegar.ClearAnswer(_key, "sms/status");
        }

        var next = await TrackAsync(app);

        Assert.That(next, Is.EqualTo(new TrackDeliveriesResult(Asked: 1, Settled: 1)));
        await AssertDeliveryAsync(app, sent, 10L, "Delivered");
    }

    [Test]
    public async Task Metrics_count_codes_by_operator_and_settled_deliveries_by_outcome()
    {
        var (app, client, _) = Start();
        await using var _ = app;
        using var __ = client;
        await SendAsync(app, client, status: 10);
        await SendAsync(app, client, status: 10);
        var failed = await SendAsync(app, client, status: 14);
        using (var verified = await client.VerifyOtpAsync(failed.Phone, failed.Code))
            Assert.That(verified.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), "a blocked SMS's code typed all the same");

        await TrackAsync(app);
        await TrackAsync(app); // settled: counted once

        var metrics = await client.GetStringAsync("/metrics");
        Assert.That(metrics, Does.Match(Prometheus.Series("pilito_otp_operator_codes_total", "operator=\"IR-MCI\"", "stage=\"requested\"") + " 3\\b"));
        Assert.That(metrics, Does.Match(Prometheus.Series("pilito_otp_operator_codes_total", "operator=\"IR-MCI\"", "stage=\"delivered\"") + " 2\\b"));
        Assert.That(metrics, Does.Match(Prometheus.Series("pilito_otp_operator_codes_total", "operator=\"IR-MCI\"", "stage=\"failed\"") + " 1\\b"));
        Assert.That(metrics, Does.Match(Prometheus.Series("pilito_otp_operator_codes_total", "operator=\"IR-MCI\"", "stage=\"verified\"") + " 1\\b"));
        Assert.That(metrics, Does.Match(Prometheus.Series("pilito_otp_sms_deliveries_total", "operator=\"IR-MCI\"", "outcome=\"delivered\"", "provider=\"Kavenegar\"") + " 2\\b"));
        Assert.That(metrics, Does.Match(Prometheus.Series("pilito_otp_sms_deliveries_total", "operator=\"IR-MCI\"", "outcome=\"failed\"", "provider=\"Kavenegar\"") + " 1\\b"));
    }

    [Test]
    public async Task The_background_job_asks_on_its_own_every_interval()
    {
        var (app, client, clock) = Start(background: true);
        await using var _ = app;
        using var __ = client;
        var sent = await SendAsync(app, client, status: 10);

        clock.Advance(Interval);

        await Eventually.HoldsAsync(async () => (await Database.ReadNewestTokenAsync(app, Phones.ToE164(sent.Phone)))["DeliveryOutcome"] as string == "Delivered",
            TimeSpan.FromSeconds(20), () => "the job recorded the delivery");
    }

    [Test]
    public async Task The_dashboard_breaks_the_day_down_by_operator_and_the_token_page_shows_the_outcome()
    {
        var (app, client, _) = Start();
        await using var _ = app;
        using var __ = client;
        var mci = await SendAsync(app, client, status: 10);
        await SendAsync(app, client, status: 11);
        var irancell = Phones.NextNational().Replace("0912", "0935", StringComparison.Ordinal);
        await client.RequestCodeAsync(irancell);
        using (var verified = await client.VerifyOtpAsync(mci.Phone, mci.Code))
            Assert.That(verified.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
        await TrackAsync(app);
        using var staff = await Staff.SignedInClientAsync(app, await Staff.CreateAsync(app, StaffRoles.Admin));

        var dashboard = await staff.GetStringAsync(new Uri("/admin/", UriKind.Relative));
        var mciRow = Row(dashboard, "IR-MCI");
        var irancellRow = Row(dashboard, "Irancell");
        var tokenId = (long)(await Database.ReadNewestTokenAsync(app, Phones.ToE164(mci.Phone)))["Id"]!;
        var page = await staff.GetStringAsync(new Uri($"/admin/accounts/otptoken/{tokenId.ToString(CultureInfo.InvariantCulture)}/", UriKind.Relative));

        Assert.That(Cells(mciRow), Is.EqualTo(new[] { "IR-MCI", "2", "1", "1", "1", "50%" }), "requested, delivered, not delivered, verified, conversion");
        Assert.That(mciRow, Does.Contain("data-conversion=\"0.5\""));
        Assert.That(Cells(irancellRow), Is.EqualTo(new[] { "Irancell", "1", "1", "0", "0", "0%" }), "the stand-in delivers what it was told nothing about");
        Assert.That(page, Does.Contain("data-delivery-outcome=\"Delivered\""));
        Assert.That(page, Does.Contain("IR-MCI"));
    }

    private static string Row(string html, string mobileOperator)
    {
        var start = html.IndexOf($"<tr data-operator=\"{mobileOperator}\">", StringComparison.Ordinal);
        Assert.That(start, Is.Not.Negative, $"a row for {mobileOperator}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static string[] Cells(string row) =>
        [.. System.Text.RegularExpressions.Regex.Matches(row, "<td[^>]*>([^<]*)</td>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value).Trim())];

    private (PilitoApp App, HttpClient Client, FakeTimeProvider Clock) Start(bool background = false)
    {
        var key = "tracking-" + Guid.NewGuid().ToString("N");
        Kavenegar.AddAccount(key, credit: 1_000_000);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = NewApp(Kavenegar.BaseUrl, new Dictionary<string, string?>
        {
            ["Kavenegar:ApiKey"] = key,
            ["Otp:TrackDelivery"] = background ? "true" : "false",
        }, clock: clock);
        _key = key;
        return (app, app.CreateClient(), clock);
    }

    private async Task<SentCode> SendAsync(PilitoApp app, HttpClient client, int status)
    {
        var phone = Phones.NextNational();
        var code = await client.RequestCodeAsync(phone);
        var messageId = (string)(await Database.ReadNewestTokenAsync(app, Phones.ToE164(phone)))["ProviderMessageId"]!;
        Kavenegar.SetDeliveryStatus(long.Parse(messageId, CultureInfo.InvariantCulture), status);
        return new SentCode(phone, code, messageId);
    }

    private static async Task<TrackDeliveriesResult> TrackAsync(PilitoApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new TrackDeliveriesCommand());
    }

    private static async Task AssertDeliveryAsync(PilitoApp app, SentCode sent, long status, string outcome)
    {
        var row = await Database.ReadNewestTokenAsync(app, Phones.ToE164(sent.Phone));
        Assert.That(row["DeliveryStatus"], Is.EqualTo(status));
        Assert.That(row["DeliveryOutcome"], Is.EqualTo(outcome));
        Assert.That(row["Operator"], Is.EqualTo("IR-MCI"));
    }

    private sealed record SentCode(string Phone, string Code, string MessageId);
}
