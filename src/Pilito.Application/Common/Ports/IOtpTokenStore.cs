using Pilito.Domain.Otp;

namespace Pilito.Application.Common.Ports;

/// <summary>A sent message whose fate is not known yet.</summary>
public sealed record AwaitingDelivery(long TokenId, string Provider, string MessageId);

/// <summary>Reads a token outside a write, and retention's deletes; changes to tokens go through <see cref="Writes.IOtpWriter"/>.</summary>
public interface IOtpTokenStore
{
    /// <summary>The token as it is now, not tracked: changing it saves nothing.</summary>
    Task<OtpToken?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// Tokens created after <paramref name="createdAfter"/> whose message the provider accepted, whose delivery is not
    /// settled and that nobody asked about since <paramref name="checkedBefore"/>; oldest first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<AwaitingDelivery>> FindAwaitingDeliveryAsync(DateTimeOffset createdAfter, DateTimeOffset checkedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> tokens created before <paramref name="cutoff"/>, oldest first; returns how many.</summary>
    Task<int> DeleteBatchCreatedBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> per-minute limit counts older than <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteCountsBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> refresh tokens that expired before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteRefreshTokensExpiredBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> refresh tokens revoked before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteRefreshTokensRevokedBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);
}
