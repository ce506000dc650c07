using Pilito.Domain.Otp;

namespace Pilito.Application.Common.Ports;

/// <summary>
/// The writes of issuing a code: admitting it within the limits, then recording the provider's answer. Each is
/// committed before it returns.
/// </summary>
public interface IOtpIssuance
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
}
