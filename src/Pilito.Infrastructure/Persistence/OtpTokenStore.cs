using System.Data;
using Microsoft.EntityFrameworkCore;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Persistence;

internal sealed class OtpTokenStore(PilitoDbContext db) : IOtpTokenStore
{
    private const int MaxDeliverySaveAttempts = 5;

    public Task<OtpAdmission> AddWithinLimitAsync(OtpToken token, int maxPerWindow, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear(); // a retried attempt starts from the database, not from the failed one
            // Serializable: BEGIN IMMEDIATE on SQLite (one writer at a time, across processes); range locks on
            // SQL Server. Either way two requests cannot both count 2 and both insert a third.
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            var recent = await db.OtpTokens
                .Where(t => t.Phone == token.Phone && t.CreatedAt > windowStart)
                .OrderBy(t => t.CreatedAt)
                .Select(t => t.CreatedAt)
                .Take(maxPerWindow)
                .ToListAsync(ct);
            if (recent.Count >= maxPerWindow)
                return OtpAdmission.Refused(recent[0]);

            var unused = await db.OtpTokens
                .Where(t => t.Phone == token.Phone && (t.Status == OtpStatus.Pending || t.Status == OtpStatus.Sent))
                .ToListAsync(ct);
            foreach (var earlier in unused)
                earlier.Supersede();

            db.OtpTokens.Add(token);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return OtpAdmission.Accepted;
        }, cancellationToken);
    }

    public async Task SaveDeliveryAsync(OtpToken token, DeliveryReport report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            token.RecordDelivery(report, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException conflict) when (attempt < MaxDeliverySaveAttempts)
            {
                // Another request superseded the token while its SMS was in flight: apply the answer to the fresh row.
                foreach (var entry in conflict.Entries)
                    await entry.ReloadAsync(cancellationToken);
            }
        }
    }

    public Task<OtpToken?> FindNewestAsync(PhoneNumber phone, CancellationToken cancellationToken) =>
        db.OtpTokens
            .Where(t => t.Phone == phone)
            .OrderByDescending(t => t.CreatedAt)
            .ThenByDescending(t => t.Id)
            .FirstOrDefaultAsync(cancellationToken);

    public Task<OtpToken?> FindByIdAsync(long id, CancellationToken cancellationToken) =>
        db.OtpTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    public Task<bool> TrySaveAsync(CancellationToken cancellationToken) => db.TrySaveChangesAsync(cancellationToken);
}
