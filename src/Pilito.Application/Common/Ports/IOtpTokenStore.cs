using Pilito.Domain.Otp;

namespace Pilito.Application.Common.Ports;

/// <summary>Reads a token outside a write, and retention's deletes; changes to tokens go through <see cref="Writes.IOtpWriter"/>.</summary>
public interface IOtpTokenStore
{
    /// <summary>The token as it is now, not tracked: changing it saves nothing.</summary>
    Task<OtpToken?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> tokens created before <paramref name="cutoff"/>, oldest first; returns how many.</summary>
    Task<int> DeleteBatchCreatedBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> per-minute limit counts older than <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteCountsBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> refresh tokens that expired before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteRefreshTokensExpiredBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> refresh tokens revoked before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteRefreshTokensRevokedBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);
}
