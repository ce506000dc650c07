using System.Globalization;
using System.Net;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pilito.Application.Common.Ports;
using Pilito.Application.Otp.PurgeOtpTokens;
using Pilito.Application.Webhooks.DeliverWebhooks;
using Pilito.Infrastructure.Webhooks;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Webhooks;

/// <summary>
/// Webhooks (issue #18) on the real app and database: events stored in the outbox with their change, delivered in
/// the Standard Webhooks format to a receiver that verifies every signature, retried with back-off, and never waited
/// for by the API.
/// </summary>
[TestFixtureSource(typeof(TestProviders), nameof(TestProviders.Both))]
public sealed class WebhookDeliveryTests(TestProvider provider)
{
    private WebhookReceiver _receiver = null!;

    [SetUp]
    public async Task StartReceiverAsync() => _receiver = await WebhookReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiverAsync() => await _receiver.DisposeAsync();

    [Test]
    public async Task A_first_sign_in_reports_sent_created_and_verified_signed_and_without_secrets()
    {
        await using var app = NewApp();
        using var client = app.CreateClient();
        var phone = Phones.NextNational();
        var e164 = Phones.ToE164(phone);

        var code = await client.RequestCodeAsync(phone);
        using var verified = await client.VerifyOtpAsync(phone, code);
        var tokens = await verified.Content.ReadAsStringAsync();
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var sent = await _receiver.WaitForAsync(r => r.Type == "otp.sent" && Text(r, "phone_number") == e164, "otp.sent");
        var created = await _receiver.WaitForAsync(r => r.Type == "user.created" && Text(r, "phone_number") == e164, "user.created");
        var verifiedEvent = await _receiver.WaitForAsync(r => r.Type == "otp.verified" && Text(r, "phone_number") == e164, "otp.verified");

        Assert.That(Text(sent, "channel"), Is.EqualTo("sms"));
        Assert.That(Text(sent, "provider"), Is.EqualTo("Log"));
        Assert.That(sent.Data.GetProperty("token_id").GetInt64(), Is.EqualTo(verifiedEvent.Data.GetProperty("token_id").GetInt64()));
        Assert.That(Text(created, "user_id"), Is.EqualTo(Text(verifiedEvent, "user_id")).And.Not.Null);
        Assert.That(created.Payload.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "type", "timestamp", "data" }));
        Assert.That(DateTimeOffset.Parse(Text(created.Payload, "timestamp")!, CultureInfo.InvariantCulture),
            Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        using var session = JsonDocument.Parse(tokens);
        foreach (var received in new[] { sent, created, verifiedEvent })
        {
            Assert.That(received.Id, Does.StartWith("msg_"));
            Assert.That(received.Body, Does.Not.Contain(code), "no code in a payload");
            Assert.That(received.Body, Does.Not.Contain(session.RootElement.GetProperty("refresh_token").GetString()!), "no refresh token");
            Assert.That(received.Body, Does.Not.Contain(session.RootElement.GetProperty("access_token").GetString()!), "no access token");
        }

        Assert.That(_receiver.Refused, Is.Empty, "every request's signature verified");
    }

    [Test]
    public async Task The_api_answers_while_the_receiver_has_not_answered()
    {
        await using var app = NewApp();
        using var client = app.CreateClient();
        var gate = _receiver.HoldAll();
        var phone = Phones.NextNational();

        using var first = await client.RequestOtpAsync(phone);
        await gate.Arrived.WaitAsync(TimeSpan.FromSeconds(30)); // the otp.sent attempt is at the receiver, held

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var verify = await client.VerifyOtpAsync(phone, (await first.JsonAsync()).GetProperty("code").GetString()!);
        Assert.That(verify.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a held webhook holds up no request");
        Assert.That(_receiver.Received, Is.Empty);

        gate.Open();
        await _receiver.WaitForAsync(r => r.Type == "otp.verified" && Text(r, "phone_number") == Phones.ToE164(phone), "otp.verified after the gate opened");
    }

    [Test]
    public async Task A_failed_attempt_is_tried_again_after_the_back_off_with_the_same_id()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = NewApp(clock, pollInterval: "00:10:00"); // the test runs each round itself
        using var client = app.CreateClient();
        _receiver.AnswerNext(HttpStatusCode.InternalServerError);

        await client.RequestCodeAsync(Phones.NextNational());
        var first = await DeliverAsync(app);

        Assert.That(first, Is.EqualTo(new DeliverWebhooksResult(0, 1)));
        var row = (await Outbox.RowsAsync(app)).Single();
        Assert.That(row["Status"], Is.EqualTo("Pending"));
        Assert.That(Convert.ToInt32(row["Attempts"], CultureInfo.InvariantCulture), Is.EqualTo(1));
        Assert.That(Convert.ToInt32(row["LastResponseStatus"], CultureInfo.InvariantCulture), Is.EqualTo(500));
        Assert.That(await DeliverAsync(app), Is.EqualTo(new DeliverWebhooksResult(0, 0)), "not due before its back-off");

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.That(await DeliverAsync(app), Is.EqualTo(new DeliverWebhooksResult(1, 0)));

        Assert.That(_receiver.Received.Select(r => r.Id).Distinct().Count(), Is.EqualTo(1), "one message, sent twice");
        Assert.That(_receiver.Received, Has.Count.EqualTo(2));
        row = (await Outbox.RowsAsync(app)).Single();
        Assert.That(row["Status"], Is.EqualTo("Delivered"));
        Assert.That(Convert.ToInt32(row["Attempts"], CultureInfo.InvariantCulture), Is.EqualTo(2));
        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.That(metrics, Does.Match(Prometheus.Series("pilito_webhook_attempts_total", "event=\"otp.sent\"", "outcome=\"failed\"") + " 1\\b"));
        Assert.That(metrics, Does.Match(Prometheus.Series("pilito_webhook_attempts_total", "event=\"otp.sent\"", "outcome=\"delivered\"") + " 1\\b"));
    }

    [Test]
    public async Task An_endpoint_that_never_answers_well_is_given_up_after_a_day()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = NewApp(clock, pollInterval: "00:10:00");
        using var client = app.CreateClient();
        _receiver.AnswerNext([.. Enumerable.Repeat(HttpStatusCode.ServiceUnavailable, 50)]);
        await client.RequestCodeAsync(Phones.NextNational());

        var rounds = 0;
        while ((string)(await Outbox.RowsAsync(app)).Single()["Status"]! == "Pending" && rounds++ < 50)
        {
            await DeliverAsync(app);
            clock.Advance(TimeSpan.FromMinutes(30)); // past every wait but the longest ones, which take a few rounds
        }

        var row = (await Outbox.RowsAsync(app)).Single();
        Assert.That(row["Status"], Is.EqualTo("Failed"));
        var lastAttempt = (long)row["LastAttemptAt"]!;
        var created = (long)row["CreatedAt"]!;
        Assert.That(TimeSpan.FromTicks(lastAttempt - created), Is.LessThanOrEqualTo(TimeSpan.FromHours(24)), "no attempt after a day");
        Assert.That(TimeSpan.FromTicks(lastAttempt - created), Is.GreaterThan(TimeSpan.FromHours(20)), "tried for most of the day");
        Assert.That(app.Logs.Lines.Any(l => l.Contains("given up", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public async Task Two_instances_on_one_database_deliver_each_message_once()
    {
        await using var first = NewApp(pollInterval: "00:00:00.100");
        await using var second = NewApp(pollInterval: "00:00:00.100", databasePath: first.DatabasePath);
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();
        const int codes = 30;
        var phones = Enumerable.Range(0, codes).Select(_ => Phones.NextNational()).ToList();

        // Both instances' senders poll all along; the receiver's gate keeps every attempt in flight until all are stored.
        var gate = _receiver.HoldAll();
        await Task.WhenAll(phones.Select((phone, i) => (i % 2 == 0 ? firstClient : secondClient).RequestCodeAsync(phone)));
        gate.Open();
        await Eventually.HoldsAsync(async () => (await Outbox.RowsAsync(first)).All(r => (string)r["Status"]! == "Delivered"),
            TimeSpan.FromSeconds(60), () => "every message delivered");

        var rows = await Outbox.RowsAsync(first);
        Assert.That(rows, Has.Count.EqualTo(codes));
        Assert.That(rows.Select(r => Convert.ToInt32(r["Attempts"], CultureInfo.InvariantCulture)), Is.All.EqualTo(1));
        var ids = _receiver.Received.Select(r => r.Id).ToList();
        Assert.That(ids, Is.Unique, "no attempt sent twice");
        Assert.That(ids, Is.EquivalentTo(rows.Select(r => (string)r["MessageId"]!)));
        Assert.That(first.Logs.Lines.Concat(second.Logs.Lines).Count(l => l.Contains("delivered to", StringComparison.Ordinal)), Is.EqualTo(codes));
    }

    [Test]
    public async Task Of_two_senders_that_found_the_same_messages_only_the_first_to_claim_them_holds_them()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = NewApp(clock, pollInterval: "00:10:00");
        using var client = app.CreateClient();
        await client.RequestCodeAsync(Phones.NextNational());
        await using var firstScope = app.Services.CreateAsyncScope();
        await using var secondScope = app.Services.CreateAsyncScope();
        var first = (WebhookOutbox)firstScope.ServiceProvider.GetRequiredService<IWebhookOutbox>();
        var second = (WebhookOutbox)secondScope.ServiceProvider.GetRequiredService<IWebhookOutbox>();
        var now = clock.GetUtcNow();

        var foundByFirst = await first.FindDueAsync(now, 10, CancellationToken.None);
        var foundBySecond = await second.FindDueAsync(now, 10, CancellationToken.None);
        var heldByFirst = await first.ClaimAsync(foundByFirst, Guid.NewGuid(), now, now.AddMinutes(2), CancellationToken.None);
        var heldBySecond = await second.ClaimAsync(foundBySecond, Guid.NewGuid(), now, now.AddMinutes(2), CancellationToken.None);

        Assert.That(foundBySecond, Is.EqualTo(foundByFirst).And.Count.EqualTo(1), "both found the message");
        Assert.That(heldByFirst.Select(m => m.Id), Is.EqualTo(foundByFirst));
        Assert.That(heldBySecond, Is.Empty, "the second claim finds it no longer due");
    }

    [Test]
    public async Task The_retention_purge_deletes_settled_messages_past_Webhooks_Retention_and_keeps_waiting_ones()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = NewApp(clock, pollInterval: "00:10:00");
        using var client = app.CreateClient();
        await client.RequestCodeAsync(Phones.NextNational());
        await DeliverAsync(app); // delivered
        await client.RequestCodeAsync(Phones.NextNational());
        var gate = _receiver.HoldAll();
        clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1)); // the sender's timer fires once: the second is attempted…
        await gate.Arrived.WaitAsync(TimeSpan.FromSeconds(30)); // …and held at the receiver: old, and still waiting for its outcome
        await client.RequestCodeAsync(Phones.NextNational()); // recent, and waiting

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PurgeOtpTokensCommand(null));

        var statuses = (await Outbox.RowsAsync(app)).Select(r => (string)r["Status"]!).ToList();
        Assert.That(statuses, Is.EqualTo(new[] { "Pending", "Pending" }), "the old delivered one is gone; the old waiting one stays");
        Assert.That(app.Logs.Lines.Any(l => l.Contains("Purged 1 delivered or given-up webhook messages", StringComparison.Ordinal)), Is.True);
    }

    private PilitoApp NewApp(FakeTimeProvider? clock = null, string pollInterval = "00:00:00.100", string? databasePath = null) =>
        new(null, new Dictionary<string, string?>
        {
            ["Webhooks:Endpoints:0:Url"] = _receiver.Url.ToString(),
            ["Webhooks:Endpoints:0:Secret"] = WebhookReceiver.Secret,
            ["Webhooks:PollInterval"] = pollInterval,
        }, databasePath, clock, provider);

    private static async Task<DeliverWebhooksResult> DeliverAsync(PilitoApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DeliverWebhooksCommand());
    }

    private static string? Text(ReceivedWebhook webhook, string field) => Text(webhook.Data, field);

    private static string? Text(JsonElement element, string field) =>
        element.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
