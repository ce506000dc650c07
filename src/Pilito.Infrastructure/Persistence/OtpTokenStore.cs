using System.Data;
using Microsoft.EntityFrameworkCore;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Persistence;

internal sealed class OtpTokenStore(PilitoDbContext db) : IOtpTokenStore
{
    private const int MaxDeliverySaveAttempts = 5;

    public Task<OtpAdmission> AddWithinLimitsAsync(OtpToken token, OtpLimits limits, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear(); // a retried attempt starts from the database, not from the failed one
            // Serializable: BEGIN IMMEDIATE on SQLite (one writer at a time, across processes); range locks on
            // SQL Server. Either way two requests cannot both count 2 and both insert a third.
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            var refusal = await CheckLimitsAsync(token, limits, ct);
            if (refusal is not null)
                return refusal;

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

    // Each count stops at its limit (COUNT over at most `max` index entries), so a busy hour costs no more than a quiet one.
    private async Task<OtpAdmission?> CheckLimitsAsync(OtpToken token, OtpLimits limits, CancellationToken ct)
    {
        var lastHour = db.OtpTokens.Where(t => t.CreatedAt > limits.HourStart);
        if (await lastHour.Take(limits.MaxOverall).CountAsync(ct) >= limits.MaxOverall)
            return OtpAdmission.Refused(OtpRefusal.Budget, await lastHour.MinAsync(t => t.CreatedAt, ct));

        if (limits.ClientIp is { } ip)
        {
            var fromAddress = lastHour.Where(t => t.ClientIp == ip);
            if (await fromAddress.Take(limits.MaxPerAddress).CountAsync(ct) >= limits.MaxPerAddress)
                return OtpAdmission.Refused(OtpRefusal.Address, await fromAddress.MinAsync(t => t.CreatedAt, ct));
        }

        var recent = await db.OtpTokens
            .Where(t => t.Phone == token.Phone && t.CreatedAt > limits.PhoneWindowStart)
            .OrderBy(t => t.CreatedAt)
            .Select(t => t.CreatedAt)
            .Take(limits.MaxPerPhone)
            .ToListAsync(ct);
        return recent.Count >= limits.MaxPerPhone ? OtpAdmission.Refused(OtpRefusal.Phone, recent[0]) : null;
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

    public Task<OtpToken?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.OtpTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    public Task<OtpToken?> FindNewestAsync(PhoneNumber phone, CancellationToken cancellationToken) =>
        db.OtpTokens
            .Where(t => t.Phone == phone)
            .OrderByDescending(t => t.CreatedAt)
            .ThenByDescending(t => t.Id)
            .FirstOrDefaultAsync(cancellationToken);

    public Task<int> DeleteBatchCreatedBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        db.OtpTokens
            .Where(t => t.CreatedAt < cutoff)
            .OrderBy(t => t.CreatedAt)
            .Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken);

    public Task<bool> TrySaveAsync(CancellationToken cancellationToken) => db.TrySaveChangesAsync(cancellationToken);
}
