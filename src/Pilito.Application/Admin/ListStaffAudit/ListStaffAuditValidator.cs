using FluentValidation;
using Pilito.Application.Admin.Common;
using Pilito.Domain.Audit;

namespace Pilito.Application.Admin.ListStaffAudit;

public sealed class ListStaffAuditValidator : AbstractValidator<ListStaffAuditQuery>
{
    public const string StaffTooLong = "A staff email has at most 256 characters.";

    public ListStaffAuditValidator()
    {
        RuleFor(q => q.Staff).Must(s => s is null || s.Trim().Length <= StaffAuditEntry.MaxEmailLength).WithMessage(StaffTooLong);
        RuleFor(q => q.Action).IsInEnum();
        RuleFor(q => q.After).PageCursor();
        RuleFor(q => q.Before).PageCursor();
        RuleFor(q => q.PageSize).InclusiveBetween(1, PageRequest.MaxSize);
    }
}
