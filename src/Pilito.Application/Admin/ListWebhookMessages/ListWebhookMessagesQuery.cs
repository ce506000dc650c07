using Mediator;
using Pilito.Domain.Webhooks;

namespace Pilito.Application.Admin.ListWebhookMessages;

/// <summary>The newest webhook messages (every endpoint's), of one status or all.</summary>
public sealed record ListWebhookMessagesQuery(WebhookStatus? Status = null) : IQuery<IReadOnlyList<WebhookMessage>>
{
    /// <summary>How many the page shows: recent deliveries, not the whole outbox.</summary>
    public const int Limit = 100;
}
