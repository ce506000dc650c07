using Microsoft.Extensions.Logging;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Audit;

namespace Pilito.Application.Admin.Audit;

/// <summary>
/// Records one staff action: the entry (time from the clock, texts capped by the entry) and a log line naming the
/// staff member. Handlers call it right after their change has committed, so an entry never claims a change that was
/// rolled back (docs/admin.md, "Audit log"). It takes no cancellation token on purpose: a staff member who closes
/// the tab once the change is made must still be recorded.
/// </summary>
public sealed class StaffAuditRecorder(IStaffAuditLog log, TimeProvider clock, ILogger<StaffAuditRecorder> logger)
{
    public async Task RecordAsync(StaffActor actor, StaffAuditAction action, string? target)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var entry = StaffAuditEntry.Record(action, actor.StaffId, actor.Email, target, actor.ClientAddress, clock.GetUtcNow());
        await log.AddAsync(entry, CancellationToken.None);
        logger.LogInformation("Staff audit: {StaffEmail} {StaffAction} {AuditTarget} from {ClientAddress}",
            entry.StaffEmail ?? "unknown", action, entry.Target ?? "-", entry.ClientAddress ?? "unknown");
    }
}
