using Mediator;

namespace Pilito.Application.Webhooks.DeliverWebhooks;

/// <summary>One round of the outbox's sender: every message due now gets one attempt.</summary>
public sealed record DeliverWebhooksCommand : ICommand<DeliverWebhooksResult>;

public sealed record DeliverWebhooksResult(int Delivered, int Failed);
