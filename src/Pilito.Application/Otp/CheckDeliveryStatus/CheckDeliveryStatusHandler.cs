using System.Globalization;
using Mediator;
using Pilito.Application.Admin.Audit;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Telemetry;
using Pilito.Application.Common.Writes;
using Pilito.Application.Webhooks;
using Pilito.Domain.Audit;
using Pilito.Domain.Otp;

namespace Pilito.Application.Otp.CheckDeliveryStatus;

public sealed class CheckDeliveryStatusHandler(IOtpTokenStore store, IOtpWriter writer, IEnumerable<ISmsDeliveryTracker> trackers, TimeProvider clock,
    StaffAuditRecorder audit, OtpMetrics metrics, WebhookEvents events)
    : ICommandHandler<CheckDeliveryStatusCommand, DeliveryStatusResult>
{
    public async ValueTask<DeliveryStatusResult> Handle(CheckDeliveryStatusCommand command, CancellationToken cancellationToken)
    {
        var token = await store.FindAsync(command.TokenId, cancellationToken) ?? throw new OtpTokenNotFoundException(command.TokenId);
        if (token.ProviderMessageId is null || token.DeliveryProvider is not { } provider
            || trackers.FirstOrDefault(t => t.Tracks(provider)) is not { } tracker)
            throw new DeliveryNotTrackableException();

        // The provider is asked outside any transaction: a slow answer must not hold up other writes.
        var answer = await tracker.GetStatusAsync(token.ProviderMessageId, cancellationToken);
        // Recorded once the provider has been asked, whatever it answered: the check itself is the staff action.
        await audit.RecordAsync(command.Actor, StaffAuditAction.DeliveryCheck, command.TokenId.ToString(CultureInfo.InvariantCulture));
        var now = clock.GetUtcNow();
        if (answer is not { Status: { } status, Outcome: { } outcome })
            return new DeliveryStatusResult(null, answer.StatusText, now); // nothing learned: the token keeps what it had

        var recorded = await writer.RunAsync(null, async (transaction, ct) =>
        {
            var current = await transaction.FindTokenAsync(command.TokenId, ct);
            var settled = current?.RecordDeliveryStatus(status, answer.StatusText, outcome, now) ?? false;
            if (settled && outcome == DeliveryOutcome.Failed)
                events.OtpFailed(transaction, current!, "undelivered", now);
            return (Found: current is not null, Settled: settled, current?.Operator);
        }, cancellationToken);
        if (recorded.Settled)
            metrics.DeliverySettled(token.DeliveryProvider, outcome, recorded.Operator);
        if (!recorded.Found)
            throw new OtpTokenNotFoundException(command.TokenId);
        return new DeliveryStatusResult(status, answer.StatusText, now);
    }
}
