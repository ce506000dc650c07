using System.Globalization;
using Mediator;
using Microsoft.Extensions.Logging;
using Pilito.Application.Admin.Audit;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Audit;

namespace Pilito.Application.Admin.RetryWebhookMessage;

public sealed class RetryWebhookMessageHandler(
    IWebhookOutbox outbox,
    TimeProvider clock,
    StaffAuditRecorder audit,
    ILogger<RetryWebhookMessageHandler> logger) : ICommandHandler<RetryWebhookMessageCommand, RetryWebhookOutcome>
{
    public async ValueTask<RetryWebhookOutcome> Handle(RetryWebhookMessageCommand command, CancellationToken cancellationToken)
    {
        var message = await outbox.FindAsync(command.Id, cancellationToken);
        if (message is null)
            return RetryWebhookOutcome.NotFound;
        if (!message.Retry(clock.GetUtcNow()) || !await outbox.SaveRetryAsync(message, cancellationToken))
            return RetryWebhookOutcome.AlreadyPending;

        logger.LogInformation("Webhook {MessageId} to {Endpoint} sent again at staff {StaffEmail}'s request", message.MessageId, message.EndpointUrl, command.Actor.LogName);
        await audit.RecordAsync(command.Actor, StaffAuditAction.RetryWebhook, command.Id.ToString(CultureInfo.InvariantCulture));
        return RetryWebhookOutcome.Retried;
    }
}
