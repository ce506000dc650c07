using Microsoft.EntityFrameworkCore;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Otp;
using Pilito.Infrastructure.Persistence.GroupCommit;

namespace Pilito.Infrastructure.Persistence;

internal sealed class OtpTokenStore(PilitoDbContext db, GroupCommitWriter writer) : IOtpTokenStore
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

    public Task<OtpToken?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.OtpTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    public Task<int> DeleteBatchCreatedBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        db.OtpTokens
            .Where(t => t.CreatedAt < cutoff)
            .OrderBy(t => t.CreatedAt)
            .Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken);

    public Task<int> DeleteSendCountsBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        db.OtpSendCounts
            .Where(c => c.MinuteStart < cutoff)
            .OrderBy(c => c.MinuteStart)
            .Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken);

    public Task<bool> TrySaveAsync(CancellationToken cancellationToken) => db.TrySaveChangesAsync(cancellationToken);
}
