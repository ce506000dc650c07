using Pilito.Domain.Audit;

namespace Pilito.Application.Admin.ListStaffAudit;

/// <param name="StaffEmail">Lower case, as entries store it; null for every staff member.</param>
/// <param name="Action">Null for every action.</param>
public sealed record StaffAuditFilter(string? StaffEmail, StaffAuditAction? Action);
