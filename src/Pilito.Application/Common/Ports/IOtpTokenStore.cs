using Pilito.Domain.Otp;

namespace Pilito.Application.Common.Ports;

public interface IOtpTokenStore
{
    /// <summary>
    /// In one database transaction: checks the service's hourly budget, the client address's hourly limit (both
    /// counted per minute, so an "hour" may reach a minute further back) and the phone's window (in that order), and
    /// when all pass, supersedes the phone's unused codes and inserts <paramref name="token"/>. Holds across
    /// processes that share the database.
    /// </summary>
    Task<OtpAdmission> AddWithinLimitsAsync(OtpToken token, OtpLimits limits, CancellationToken cancellationToken);

    /// <summary>Saves the provider's answer on the stored token, even when another request changed it meanwhile.</summary>
    Task SaveDeliveryAsync(OtpToken token, DeliveryReport report, DateTimeOffset now, CancellationToken cancellationToken);

    Task<OtpToken?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> tokens created before <paramref name="cutoff"/>, oldest first; returns how many.</summary>
    Task<int> DeleteBatchCreatedBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> per-minute send counts older than <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteSendCountsBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);

    /// <summary>Saves changes to loaded tokens; false (and nothing saved) when another request changed one first.</summary>
    Task<bool> TrySaveAsync(CancellationToken cancellationToken);
}
