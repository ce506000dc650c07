using Mediator;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Webhooks;

namespace Pilito.Application.Admin.ListWebhookMessages;

public sealed class ListWebhookMessagesHandler(IWebhookOutbox outbox) : IQueryHandler<ListWebhookMessagesQuery, IReadOnlyList<WebhookMessage>>
{
    public async ValueTask<IReadOnlyList<WebhookMessage>> Handle(ListWebhookMessagesQuery query, CancellationToken cancellationToken) =>
        await outbox.ListRecentAsync(query.Status, ListWebhookMessagesQuery.Limit, cancellationToken);
}
