using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Common.Ports;

public interface IOtpTokenStore
{
    /// <summary>
    /// In one database transaction: counts the phone's codes created since <paramref name="windowStart"/>,
    /// and when fewer than <paramref name="maxPerWindow"/>, supersedes the phone's unused codes and inserts
    /// <paramref name="token"/>. Holds across processes that share the database.
    /// </summary>
    Task<OtpAdmission> AddWithinLimitAsync(OtpToken token, int maxPerWindow, DateTimeOffset windowStart, CancellationToken cancellationToken);

    /// <summary>Saves the provider's answer on a token, even when another request changed the token meanwhile.</summary>
    Task SaveDeliveryAsync(OtpToken token, DeliveryReport report, DateTimeOffset now, CancellationToken cancellationToken);

    Task<OtpToken?> FindNewestAsync(PhoneNumber phone, CancellationToken cancellationToken);

    /// <summary>The token with that id, tracked for changes; null when there is none.</summary>
    Task<OtpToken?> FindByIdAsync(long id, CancellationToken cancellationToken);

    /// <summary>Saves changes to loaded tokens; false (and nothing saved) when another request changed one first.</summary>
    Task<bool> TrySaveAsync(CancellationToken cancellationToken);
}
