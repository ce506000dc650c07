using System.Globalization;
using System.Net;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pilito.Application.Webhooks.DeliverWebhooks;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Webhooks;

/// <summary>The admin's webhook page (issue #18): recent deliveries with their state, and staff's retry, audited.</summary>
public sealed class WebhookAdminTests
{
    private const string Page = "/admin/webhooks/";

    [Test]
    public async Task Staff_see_a_given_up_message_and_send_it_again_with_the_same_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // A day ago: every attempt's timestamp is outside the receiver's tolerance, so it refuses each (401).
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-25));
        await using var app = new PilitoApp(null, new Dictionary<string, string?>
        {
            ["Webhooks:Endpoints:0:Url"] = receiver.Url.ToString(),
            ["Webhooks:Endpoints:0:Secret"] = WebhookReceiver.Secret,
            ["Webhooks:Endpoints:0:Events:0"] = "otp.sent",
            ["Webhooks:PollInterval"] = "00:10:00",
        }, clock: clock);
        using var client = app.CreateClient();
        await client.RequestCodeAsync(Phones.NextNational());
        var messageId = (string)(await Outbox.RowsAsync(app)).Single()["MessageId"]!;
        for (var round = 0; round < 50 && (string)(await Outbox.RowsAsync(app)).Single()["Status"]! == "Pending"; round++)
        {
            await DeliverAsync(app);
            clock.Advance(TimeSpan.FromHours(1));
        }

        clock.SetUtcNow(DateTimeOffset.UtcNow); // back to the present, where the receiver takes it
        using var staff = await Staff.SignedInClientAsync(app);
        var before = await staff.GetStringAsync(new Uri(Page, UriKind.Relative));
        var row = Row(before, messageId);
        Assert.That(row, Does.Contain("data-status=\"Failed\"").And.Contain("Given up").And.Contain("401").And.Contain("otp.sent"));
        Assert.That(before, Does.Not.Contain(WebhookReceiver.Secret), "the secret is never shown");

        var id = Convert.ToInt64((await Outbox.RowsAsync(app)).Single()["Id"], CultureInfo.InvariantCulture);
        using var retry = await StaffPages.PostAsync(staff, Page, "Retry", new Dictionary<string, string> { ["id"] = id.ToString(CultureInfo.InvariantCulture) });
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(Row(await staff.GetStringAsync(new Uri(Page, UriKind.Relative)), messageId), Does.Contain("data-status=\"Pending\""));

        await DeliverAsync(app);

        Assert.That(receiver.Received.Select(r => r.Id), Is.EqualTo(new[] { messageId }), "the same webhook-id, verified this time");
        Assert.That(receiver.Refused, Is.Not.Empty, "the day's attempts were refused");
        Assert.That((await Outbox.RowsAsync(app)).Single()["Status"], Is.EqualTo("Delivered"));
        var audit = await Database.AuditEntriesAsync(app);
        Assert.That(audit.Any(e => (string)e["Action"]! == "RetryWebhook" && (string?)e["Target"] == id.ToString(CultureInfo.InvariantCulture)), Is.True);
    }

    [Test]
    public async Task A_message_still_waiting_is_not_sent_twice_by_a_retry()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new PilitoApp(null, new Dictionary<string, string?>
        {
            ["Webhooks:Endpoints:0:Url"] = receiver.Url.ToString(),
            ["Webhooks:Endpoints:0:Secret"] = WebhookReceiver.Secret,
            ["Webhooks:PollInterval"] = "00:10:00",
        });
        using var client = app.CreateClient();
        await client.RequestCodeAsync(Phones.NextNational());
        var id = Convert.ToInt64((await Outbox.RowsAsync(app)).Single()["Id"], CultureInfo.InvariantCulture);
        using var staff = await Staff.SignedInClientAsync(app);

        Assert.That(await staff.GetStringAsync(new Uri(Page, UriKind.Relative)), Does.Not.Contain("Send again"), "no retry for a waiting message");
        using var retry = await StaffPages.PostAsync(staff, Page, "Retry", new Dictionary<string, string> { ["id"] = id.ToString(CultureInfo.InvariantCulture) });

        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await staff.GetStringAsync(new Uri(Page, UriKind.Relative)), Does.Contain("already waiting"));
        Assert.That((await Database.AuditEntriesAsync(app)).Any(e => (string)e["Action"]! == "RetryWebhook"), Is.False, "nothing changed, nothing audited");
        using var missing = await StaffPages.PostAsync(staff, Page, "Retry", new Dictionary<string, string> { ["id"] = "999999" });
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static string Row(string html, string messageId)
    {
        var start = html.IndexOf($"data-message-id=\"{messageId}\"", StringComparison.Ordinal);
        Assert.That(start, Is.Not.Negative, $"a row for {messageId}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static async Task DeliverAsync(PilitoApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DeliverWebhooksCommand());
    }
}
