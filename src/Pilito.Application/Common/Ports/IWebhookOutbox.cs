using Pilito.Domain.Webhooks;

namespace Pilito.Application.Common.Ports;

/// <summary>
/// The outbox's messages outside the writer: senders take them for an attempt and store its outcome; staff lists and
/// retries them. The messages themselves are added with the change they report (<see cref="Writes.IOtpTransaction"/>).
/// </summary>
public interface IWebhookOutbox
{
    /// <summary>
    /// Takes up to <paramref name="limit"/> pending messages due at <paramref name="now"/> for one attempt, held until
    /// <paramref name="holdUntil"/>: the database gives each to one taker only, across instances. A message whose
    /// holder died is due again once the hold runs out.
    /// </summary>
    Task<IReadOnlyList<WebhookMessage>> ClaimDueAsync(Guid claimId, DateTimeOffset now, DateTimeOffset holdUntil, int limit, CancellationToken cancellationToken);

    /// <summary>Stores an attempt's outcome; false (nothing stored) when the hold ran out and another taker has it.</summary>
    Task<bool> SaveAttemptAsync(WebhookMessage message, Guid claimId, CancellationToken cancellationToken);

    /// <summary>The newest messages first, of one status or all.</summary>
    Task<IReadOnlyList<WebhookMessage>> ListRecentAsync(WebhookStatus? status, int limit, CancellationToken cancellationToken);

    Task<WebhookMessage?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="batchSize"/> delivered or given-up messages created before <paramref name="cutoff"/>,
    /// oldest first; returns how many. Waiting messages are kept whatever their age.
    /// </summary>
    Task<int> DeleteSettledBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);

    /// <summary>Stores staff's retry; false when a sender changed the message meanwhile.</summary>
    Task<bool> SaveRetryAsync(WebhookMessage message, CancellationToken cancellationToken);
}
