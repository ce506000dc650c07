using Microsoft.EntityFrameworkCore;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Webhooks;
using Pilito.Infrastructure.Persistence;

namespace Pilito.Infrastructure.Webhooks;

/// <summary>
/// The outbox through EF Core. A claim is one conditional UPDATE: the database applies it to a row once, so of two
/// senders that picked the same message the second finds it no longer due (PostgreSQL re-checks the condition on the
/// row it waited for; SQLite and SQL Server run the updates one after the other).
/// </summary>
internal sealed class WebhookOutbox(PilitoDbContext db) : IWebhookOutbox
{
    public async Task<IReadOnlyList<WebhookMessage>> ClaimDueAsync(
        Guid claimId, DateTimeOffset now, DateTimeOffset holdUntil, int limit, CancellationToken cancellationToken)
    {
        var due = await FindDueAsync(now, limit, cancellationToken);
        return due.Count == 0 ? [] : await ClaimAsync(due, claimId, now, holdUntil, cancellationToken);
    }

    /// <summary>The ids of pending messages due at <paramref name="now"/>, soonest first: candidates, which another sender may take first.</summary>
    internal Task<List<long>> FindDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        db.WebhookMessages.AsNoTracking()
            .Where(m => m.Status == WebhookStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    /// <summary>Takes those of the <paramref name="candidates"/> still due; returns what this claim holds.</summary>
    internal async Task<IReadOnlyList<WebhookMessage>> ClaimAsync(
        IReadOnlyCollection<long> candidates, Guid claimId, DateTimeOffset now, DateTimeOffset holdUntil, CancellationToken cancellationToken)
    {
        // The condition is repeated in the UPDATE itself, not only in the query that found the candidates: that is
        // what makes the claim exclusive when another sender found the same ones.
        var claimed = await db.WebhookMessages
            .Where(m => candidates.Contains(m.Id) && m.Status == WebhookStatus.Pending && m.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimId, claimId).SetProperty(m => m.NextAttemptAt, holdUntil), cancellationToken);
        if (claimed == 0)
            return [];
        return await db.WebhookMessages.AsNoTracking().Where(m => m.ClaimId == claimId).OrderBy(m => m.Id).ToListAsync(cancellationToken);
    }

    public async Task<bool> SaveAttemptAsync(WebhookMessage message, Guid claimId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return await db.WebhookMessages
            .Where(m => m.Id == message.Id && m.ClaimId == claimId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, message.Status)
                .SetProperty(m => m.Attempts, message.Attempts)
                .SetProperty(m => m.NextAttemptAt, message.NextAttemptAt)
                .SetProperty(m => m.LastAttemptAt, message.LastAttemptAt)
                .SetProperty(m => m.LastResponseStatus, message.LastResponseStatus)
                .SetProperty(m => m.LastError, message.LastError)
                .SetProperty(m => m.DeliveredAt, message.DeliveredAt)
                .SetProperty(m => m.ClaimId, (Guid?)null), cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<WebhookMessage>> ListRecentAsync(WebhookStatus? status, int limit, CancellationToken cancellationToken)
    {
        var messages = db.WebhookMessages.AsNoTracking();
        if (status is { } wanted)
            messages = messages.Where(m => m.Status == wanted);
        return await messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public Task<WebhookMessage?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.WebhookMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);

    public Task<int> DeleteSettledBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        db.WebhookMessages
            .Where(m => m.Status != WebhookStatus.Pending && m.CreatedAt < cutoff)
            .OrderBy(m => m.CreatedAt)
            .Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken);

    public async Task<bool> SaveRetryAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        // Only from the state staff saw: a sender that took it meanwhile keeps it.
        return await db.WebhookMessages
            .Where(m => m.Id == message.Id && m.Status != WebhookStatus.Pending && m.ClaimId == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, message.Status)
                .SetProperty(m => m.NextAttemptAt, message.NextAttemptAt)
                .SetProperty(m => m.GiveUpAt, message.GiveUpAt), cancellationToken) == 1;
    }
}
