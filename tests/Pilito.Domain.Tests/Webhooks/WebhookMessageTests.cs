using Pilito.Domain.Webhooks;

namespace Pilito.Domain.Tests.Webhooks;

public sealed class WebhookMessageTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_new_message_is_due_at_once_and_given_a_day()
    {
        var message = New();

        Assert.That(message.Status, Is.EqualTo(WebhookStatus.Pending));
        Assert.That(message.NextAttemptAt, Is.EqualTo(Created));
        Assert.That(message.GiveUpAt, Is.EqualTo(Created.AddHours(24)));
        Assert.That(message.Attempts, Is.Zero);
    }

    [TestCase(1, 5)]
    [TestCase(2, 20)]
    [TestCase(3, 80)]
    [TestCase(4, 320)]
    [TestCase(7, 4 * 3600)]
    [TestCase(12, 4 * 3600)]
    public void Each_wait_is_four_times_the_last_up_to_four_hours(int failedAttempts, int seconds) =>
        Assert.That(WebhookRetrySchedule.DelayAfter(failedAttempts), Is.EqualTo(TimeSpan.FromSeconds(seconds)));

    [Test]
    public void A_failure_schedules_the_next_attempt_and_keeps_what_the_endpoint_said()
    {
        var message = New();

        message.RecordFailure(500, "HTTP 500", Created);

        Assert.That(message.Status, Is.EqualTo(WebhookStatus.Pending));
        Assert.That(message.Attempts, Is.EqualTo(1));
        Assert.That(message.NextAttemptAt, Is.EqualTo(Created.AddSeconds(5)));
        Assert.That(message.LastResponseStatus, Is.EqualTo(500));
        Assert.That(message.LastError, Is.EqualTo("HTTP 500"));
    }

    [Test]
    public void Failures_stop_once_the_next_attempt_would_fall_after_a_day()
    {
        var message = New();
        var at = Created;
        while (message.Status == WebhookStatus.Pending)
        {
            at = message.NextAttemptAt;
            message.RecordFailure(null, "No connection (ConnectionError).", at);
        }

        Assert.That(message.Status, Is.EqualTo(WebhookStatus.Failed));
        Assert.That(at, Is.LessThanOrEqualTo(Created.AddHours(24)), "no attempt after a day");
        Assert.That(at + WebhookRetrySchedule.DelayAfter(message.Attempts), Is.GreaterThan(Created.AddHours(24)));
        Assert.That(message.Attempts, Is.EqualTo(12), "docs/webhooks.md lists them");
    }

    [Test]
    public void A_long_answer_is_cut_to_the_stored_length()
    {
        var message = New();

        message.RecordFailure(502, new string('x', 1000), Created);

        Assert.That(message.LastError, Has.Length.EqualTo(WebhookMessage.MaxErrorLength));
    }

    [Test]
    public void Delivered_clears_the_error_and_records_when()
    {
        var message = New();
        message.RecordFailure(503, "HTTP 503", Created);

        message.RecordDelivered(204, Created.AddSeconds(5));

        Assert.That(message.Status, Is.EqualTo(WebhookStatus.Delivered));
        Assert.That(message.DeliveredAt, Is.EqualTo(Created.AddSeconds(5)));
        Assert.That(message.LastError, Is.Null);
        Assert.That(message.Attempts, Is.EqualTo(2));
    }

    [Test]
    public void A_retry_is_one_attempt_now_whose_failure_is_final()
    {
        var message = New();
        message.RecordDelivered(200, Created);
        var later = Created.AddDays(3);

        Assert.That(message.Retry(later), Is.True);
        Assert.That(message.Status, Is.EqualTo(WebhookStatus.Pending));
        Assert.That(message.NextAttemptAt, Is.EqualTo(later));
        message.RecordFailure(500, "HTTP 500", later);

        Assert.That(message.Status, Is.EqualTo(WebhookStatus.Failed));
    }

    [Test]
    public void A_pending_message_is_not_retried() => Assert.That(New().Retry(Created.AddMinutes(1)), Is.False);

    private static WebhookMessage New() =>
        WebhookMessage.Create("msg_1", WebhookEventTypes.OtpSent, """{"type":"otp.sent"}""", "https://app.test/hooks", Created);
}
