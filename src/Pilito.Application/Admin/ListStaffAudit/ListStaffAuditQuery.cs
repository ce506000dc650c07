using Mediator;
using Pilito.Application.Admin.Common;
using Pilito.Domain.Audit;

namespace Pilito.Application.Admin.ListStaffAudit;

/// <summary>Staff audit entries, newest first; <paramref name="Staff"/> (an email, any case) and <paramref name="Action"/> narrow them.</summary>
public sealed record ListStaffAuditQuery(
    string? Staff = null,
    StaffAuditAction? Action = null,
    string? After = null,
    string? Before = null,
    int PageSize = PageRequest.DefaultSize) : IQuery<Page<StaffAuditRow>>;
