namespace Pilito.Application.Common.Options;

/// <summary>One receiver: Webhooks:Endpoints:N:Url, :Secret (whsec_…, Standard Webhooks' form) and :Events.</summary>
public sealed class WebhookEndpointOptions
{
    public string? Url { get; set; }

    /// <summary>The signing secret shared with the receiver: never logged, shown or stored in the outbox.</summary>
    public string? Secret { get; set; }

    /// <summary>The event types it receives (<see cref="Domain.Webhooks.WebhookEventTypes"/>); none listed means all.</summary>
    public List<string> Events { get; set; } = [];

    public bool Receives(string eventType) => Events.Count == 0 || Events.Contains(eventType, StringComparer.Ordinal);
}
