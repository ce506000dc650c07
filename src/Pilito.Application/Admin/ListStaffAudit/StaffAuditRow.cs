using Pilito.Domain.Audit;

namespace Pilito.Application.Admin.ListStaffAudit;

public sealed record StaffAuditRow(long Id, DateTimeOffset OccurredAt, StaffAuditAction Action, Guid? StaffId,
    string? StaffEmail, string? Target, string? ClientAddress);
