using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Telemetry;
using Pilito.Application.Common.Writes;
using Pilito.Application.Webhooks;
using Pilito.Domain.Otp;

namespace Pilito.Application.Otp.TrackDeliveries;

/// <summary>
/// One run of delivery tracking: the unsettled messages of codes requested within Otp:DeliveryTrackingWindow and not
/// asked about for Otp:DeliveryCheckInterval, asked in batches of the provider's size, each batch's answers recorded
/// in one write. Every instance runs it; two that ask about the same message at once record the same answer, and a
/// settled delivery is counted once (the first write that settles it).
/// </summary>
public sealed partial class TrackDeliveriesHandler(
    IOtpTokenStore store,
    IEnumerable<ISmsDeliveryTracker> trackers,
    IOtpWriter writer,
    CallFallback fallback,
    WebhookEvents events,
    IOptions<OtpOptions> options,
    TimeProvider clock,
    OtpMetrics metrics,
    ILogger<TrackDeliveriesHandler> logger) : ICommandHandler<TrackDeliveriesCommand, TrackDeliveriesResult>
{
    /// <summary>Messages asked about in one run at most: a backlog is worked off over the next runs, not in one burst.</summary>
    private const int MaxPerRun = 5000;

    public async ValueTask<TrackDeliveriesResult> Handle(TrackDeliveriesCommand command, CancellationToken cancellationToken)
    {
        var otp = options.Value;
        var now = clock.GetUtcNow();
        var awaiting = await store.FindAwaitingDeliveryAsync(now - otp.DeliveryTrackingWindow, now - otp.DeliveryCheckInterval, MaxPerRun, cancellationToken);
        var (asked, settled) = (0, 0);
        foreach (var provider in awaiting.GroupBy(a => a.Provider))
        {
            if (trackers.FirstOrDefault(t => t.Tracks(provider.Key)) is not { } tracker)
                continue; // the Log sender's, or a provider no longer configured
            foreach (var batch in provider.Chunk(tracker.MaxBatch))
            {
                var answers = await tracker.GetStatusesAsync([.. batch.Select(a => a.MessageId)], cancellationToken);
                asked += batch.Length;
                if (answers.Failure is { } failure)
                {
                    LogNoAnswers(provider.Key, batch.Length, failure);
                    continue; // asked again at the next run
                }

                var recorded = await writer.RunAsync(null, (transaction, ct) => RecordAsync(transaction, batch, answers, clock.GetUtcNow(), ct), cancellationToken);
                foreach (var (outcome, mobileOperator) in recorded.Settled)
                    metrics.DeliverySettled(provider.Key, outcome, mobileOperator);
                settled += recorded.Settled.Count;
                foreach (var call in recorded.Calls)
                    await fallback.SendAsync(call, CancellationToken.None); // a call placed is not abandoned half-way
            }
        }

        return new TrackDeliveriesResult(asked, settled);
    }

    /// <summary>
    /// Records each answer on its token as it is now; returns the deliveries this write settled, and the voice calls
    /// issued for those that failed (<see cref="CallFallback"/>).
    /// </summary>
    private async Task<(List<(DeliveryOutcome Outcome, string? Operator)> Settled, List<IssuedCall> Calls)> RecordAsync(
        IOtpTransaction transaction, AwaitingDelivery[] batch, DeliveryStatusBatch answers, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var settled = new List<(DeliveryOutcome, string?)>();
        var calls = new List<IssuedCall>();
        foreach (var message in batch)
        {
            if (answers.Answers.GetValueOrDefault(message.MessageId) is not { Status: { } status, Outcome: { } outcome } answer)
                continue;
            var token = await transaction.FindTokenAsync(message.TokenId, cancellationToken);
            if (token is null || !token.RecordDeliveryStatus(status, answer.StatusText, outcome, at))
                continue;
            settled.Add((outcome, token.Operator));
            if (outcome == DeliveryOutcome.Failed)
                events.OtpFailed(transaction, token, "undelivered", at);
            if (outcome == DeliveryOutcome.Failed && await fallback.IssueAsync(transaction, token, at, cancellationToken) is { } call)
                calls.Add(call);
        }

        return (settled, calls);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery tracking: {Provider} gave no status for {Count} messages ({Reason}); asked again at the next run")]
    private partial void LogNoAnswers(string provider, int count, string reason);
}
