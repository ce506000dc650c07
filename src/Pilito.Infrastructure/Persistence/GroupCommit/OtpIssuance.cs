using Pilito.Application.Common.Ports;
using Pilito.Domain.Otp;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>
/// A singleton with no context of its own: an OTP request builds no DbContext (constructing one per request cost
/// about 5 % of the path's CPU).
/// </summary>
internal sealed class OtpIssuance(GroupCommitWriter writer) : IOtpIssuance
{
    // Both writes go through the group-commit writer: the caller's answer waits for the commit (a queued write is
    // not withdrawn when the request is cancelled; it commits with its round).
    public Task<OtpAdmission> AddWithinLimitsAsync(OtpToken token, OtpLimits limits, CancellationToken cancellationToken) =>
        writer.WriteAsync(new OtpAdmissionWrite(token, limits));

    public Task SaveDeliveryAsync(OtpToken token, DeliveryReport report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return writer.WriteAsync(new DeliveryReportWrite(token.Id, report, now));
    }
}
