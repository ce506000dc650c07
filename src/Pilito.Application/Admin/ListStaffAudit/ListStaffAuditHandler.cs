using Mediator;
using Pilito.Application.Admin.Common;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Admin.ListStaffAudit;

public sealed class ListStaffAuditHandler(IStaffAuditLog log) : IQueryHandler<ListStaffAuditQuery, Page<StaffAuditRow>>
{
    public async ValueTask<Page<StaffAuditRow>> Handle(ListStaffAuditQuery query, CancellationToken cancellationToken)
    {
        // Entries store emails in lower case (StaffAuditEntry.Record): the same folding finds them whatever was typed.
        var staff = string.IsNullOrWhiteSpace(query.Staff) ? null : query.Staff.Trim().ToLowerInvariant();
        var page = new PageRequest(PageCursor.ParseOptional(query.After), PageCursor.ParseOptional(query.Before), query.PageSize);
        return await log.ListAsync(new StaffAuditFilter(staff, query.Action), page, cancellationToken);
    }
}
