using Pilito.Domain.Otp;

namespace Pilito.Application.Common.Ports;

public interface IOtpTokenStore
{
    Task<OtpToken?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> tokens created before <paramref name="cutoff"/>, oldest first; returns how many.</summary>
    Task<int> DeleteBatchCreatedBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> per-minute send counts older than <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteSendCountsBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);

    /// <summary>Saves changes to loaded tokens; false (and nothing saved) when another request changed one first.</summary>
    Task<bool> TrySaveAsync(CancellationToken cancellationToken);
}
