using Pilito.Application.Admin.Common;
using Pilito.Application.Admin.ListStaffAudit;
using Pilito.Domain.Audit;

namespace Pilito.Application.Common.Ports;

/// <summary>The staff audit log: stores entries as given, lists them, and retention's deletes. Decides nothing.</summary>
public interface IStaffAuditLog
{
    Task AddAsync(StaffAuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Entries newest first (OccurredAt, then Id), narrowed by the filter's staff email and action when set.</summary>
    Task<Page<StaffAuditRow>> ListAsync(StaffAuditFilter filter, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> entries older than <paramref name="cutoff"/>, oldest first; returns how many.</summary>
    Task<int> DeleteBatchBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);
}
