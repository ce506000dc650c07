using System.Text.Json;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Tests.Support;
using Pilito.Application.Webhooks;
using Pilito.Domain.Webhooks;

namespace Pilito.Application.Tests.Webhooks;

public sealed class WebhookEventsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void An_endpoint_gets_only_the_events_it_lists_and_one_listing_none_gets_all()
    {
        var events = new WebhookEvents(Options.Create(new WebhookOptions
        {
            Endpoints =
            [
                new WebhookEndpointOptions { Url = "https://a.test/hooks", Secret = "s", Events = [WebhookEventTypes.UserLocked] },
                new WebhookEndpointOptions { Url = "https://b.test/hooks", Secret = "s" },
            ],
        }));

        var locked = events.UserLockChanged(Guid.NewGuid(), locked: true, At);
        var unlocked = events.UserLockChanged(Guid.NewGuid(), locked: false, At);

        Assert.That(locked.Select(m => m.EndpointUrl), Is.EqualTo(new[] { "https://a.test/hooks", "https://b.test/hooks" }));
        Assert.That(locked.Select(m => m.MessageId).Distinct().Count(), Is.EqualTo(1), "one event, one id for every endpoint");
        Assert.That(unlocked.Select(m => m.EndpointUrl), Is.EqualTo(new[] { "https://b.test/hooks" }));
    }

    [Test]
    public void No_endpoint_means_no_message()
    {
        var events = new WebhookEvents(Options.Create(new WebhookOptions()));

        Assert.That(events.Enabled, Is.False);
        Assert.That(events.UserLockChanged(Guid.NewGuid(), locked: true, At), Is.Empty);
    }

    [Test]
    public void The_payload_is_type_timestamp_and_data_in_snake_case()
    {
        var user = Guid.NewGuid();

        var message = WebhookEndpoints.All().UserLockChanged(user, locked: true, At).Single();

        using var payload = JsonDocument.Parse(message.Payload);
        Assert.That(payload.RootElement.GetProperty("type").GetString(), Is.EqualTo("user.locked"));
        Assert.That(payload.RootElement.GetProperty("timestamp").GetString(), Is.EqualTo("2026-12-02T10:00:00Z"));
        Assert.That(payload.RootElement.GetProperty("data").GetProperty("user_id").GetGuid(), Is.EqualTo(user));
        Assert.That(message.EventType, Is.EqualTo("user.locked"));
        Assert.That(message.MessageId, Does.StartWith("msg_"));
    }
}
