using Mediator;
using Pilito.Application.Admin.Audit;

namespace Pilito.Application.Admin.RetryWebhookMessage;

/// <summary>Staff sends a delivered or failed message once more (<see cref="Domain.Webhooks.WebhookMessage.Retry"/>).</summary>
public sealed record RetryWebhookMessageCommand(long Id, StaffActor Actor) : ICommand<RetryWebhookOutcome>;

public enum RetryWebhookOutcome
{
    Retried,

    /// <summary>Still waiting for an attempt, or a sender took it meanwhile: it goes out anyway.</summary>
    AlreadyPending,

    NotFound,
}
