using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Admin.Common;
using Pilito.Application.Admin.ListStaffAudit;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Audit;
using Pilito.Infrastructure.Persistence;

namespace Pilito.Infrastructure.Administration;

internal sealed class StaffAuditLog(PilitoDbContext db, IServiceScopeFactory scopes) : IStaffAuditLog
{
    /// <summary>
    /// Saved by a context of its own: the request's context may hold changes Identity could not save (a sign-in that
    /// lost a race keeps its stale account row), and the entry must neither carry them nor fail with them.
    /// </summary>
    public async Task AddAsync(StaffAuditEntry entry, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<PilitoDbContext>();
        own.Add(entry);
        await own.SaveChangesAsync(cancellationToken);
    }

    public Task<Page<StaffAuditRow>> ListAsync(StaffAuditFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var entries = db.Set<StaffAuditEntry>().AsNoTracking();
        if (filter.StaffEmail is not null)
            entries = entries.Where(e => e.StaffEmail == filter.StaffEmail);
        if (filter.Action is { } action)
            entries = entries.Where(e => e.Action == action);
        return Keyset.PageAsync(entries, e => e.OccurredAt, e => e.Id,
            c => (new DateTimeOffset(c.Key, TimeSpan.Zero), ParseId(c)),
            e => new StaffAuditRow(e.Id, e.OccurredAt, e.Action, e.StaffId, e.StaffEmail, e.Target, e.ClientAddress),
            r => new PageCursor(r.OccurredAt.UtcTicks, r.Id.ToString(CultureInfo.InvariantCulture)),
            ascending: false, page, q => q.ToListAsync(cancellationToken));
    }

    public Task<int> DeleteBatchBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        db.Set<StaffAuditEntry>()
            .Where(e => e.OccurredAt < cutoff)
            .OrderBy(e => e.OccurredAt)
            .Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken);

    // A tie-breaker that is not an id (a hand-made link) reads as 0: the page is then simply what lies beyond the key.
    private static long ParseId(PageCursor cursor) =>
        long.TryParse(cursor.TieBreak, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
}
