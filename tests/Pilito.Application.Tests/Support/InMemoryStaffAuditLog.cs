using Microsoft.Extensions.Logging.Abstractions;
using Pilito.Application.Admin.Audit;
using Pilito.Application.Admin.Common;
using Pilito.Application.Admin.ListStaffAudit;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Audit;

namespace Pilito.Application.Tests.Support;

/// <summary>The audit log as a list: what handlers recorded, in order; lists and deletes as the port describes.</summary>
public sealed class InMemoryStaffAuditLog : IStaffAuditLog
{
    private readonly List<StaffAuditEntry> _entries = [];

    public IReadOnlyList<StaffAuditEntry> Entries => _entries;

    /// <summary>A recorder over this log, at the clock's time.</summary>
    public StaffAuditRecorder Recorder(TimeProvider clock) => new(this, clock, NullLogger<StaffAuditRecorder>.Instance);

    public Task AddAsync(StaffAuditEntry entry, CancellationToken cancellationToken)
    {
        _entries.Add(entry);
        return Task.CompletedTask;
    }

    public Task<Page<StaffAuditRow>> ListAsync(StaffAuditFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        var rows = _entries
            .Where(e => filter.StaffEmail is null || e.StaffEmail == filter.StaffEmail)
            .Where(e => filter.Action is null || e.Action == filter.Action)
            .OrderByDescending(e => e.OccurredAt)
            .Take(page.Size)
            .Select(e => new StaffAuditRow(e.Id, e.OccurredAt, e.Action, e.StaffId, e.StaffEmail, e.Target, e.ClientAddress))
            .ToList();
        return Task.FromResult(new Page<StaffAuditRow>(rows, null, null));
    }

    public Task<int> DeleteBatchBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        var doomed = _entries.Where(e => e.OccurredAt < cutoff).OrderBy(e => e.OccurredAt).Take(batchSize).ToList();
        foreach (var entry in doomed)
            _entries.Remove(entry);
        return Task.FromResult(doomed.Count);
    }
}
