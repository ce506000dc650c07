using Microsoft.EntityFrameworkCore;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Otp;

namespace Pilito.Infrastructure.Persistence;

internal sealed class OtpTokenStore(PilitoDbContext db) : IOtpTokenStore
{
    public Task<OtpToken?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.OtpTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    public async Task<IReadOnlyList<AwaitingDelivery>> FindAwaitingDeliveryAsync(
        DateTimeOffset createdAfter, DateTimeOffset checkedBefore, int limit, CancellationToken cancellationToken) =>
        await db.OtpTokens.AsNoTracking()
            .Where(t => t.CreatedAt > createdAfter // on the CreatedAt index: a few minutes of tokens
                && t.ProviderMessageId != null && t.DeliveryProvider != null
                && (t.DeliveryOutcome == null || t.DeliveryOutcome == DeliveryOutcome.Pending)
                && (t.DeliveryCheckedAt == null || t.DeliveryCheckedAt <= checkedBefore))
            .OrderBy(t => t.CreatedAt)
            .Take(limit)
            .Select(t => new AwaitingDelivery(t.Id, t.DeliveryProvider!, t.ProviderMessageId!))
            .ToListAsync(cancellationToken);

    public Task<int> DeleteBatchCreatedBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        db.OtpTokens
            .Where(t => t.CreatedAt < cutoff)
            .OrderBy(t => t.CreatedAt)
            .Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken);

    public Task<int> DeleteCountsBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        db.LimitCounts
            .Where(c => c.MinuteStart < cutoff)
            .OrderBy(c => c.MinuteStart)
            .Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken);

    public Task<int> DeleteRefreshTokensExpiredBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        db.RefreshTokens
            .Where(t => t.ExpiresAt < cutoff)
            .OrderBy(t => t.ExpiresAt)
            .Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken);

    public Task<int> DeleteRefreshTokensRevokedBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        db.RefreshTokens
            .Where(t => t.RevokedAt != null && t.RevokedAt < cutoff)
            .OrderBy(t => t.RevokedAt)
            .Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken);
}
