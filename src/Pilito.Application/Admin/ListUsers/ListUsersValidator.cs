using FluentValidation;
using Pilito.Application.Admin.Common;
using Pilito.Application.Common;
using Pilito.Domain.Phones;

namespace Pilito.Application.Admin.ListUsers;

public sealed class ListUsersValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersValidator()
    {
        RuleFor(q => q.Phone).Must(p => string.IsNullOrWhiteSpace(p) || PhoneNumber.TryParse(p, out _))
            .WithMessage(ValidationMessages.InvalidPhone);
        RuleFor(q => q.After).PageCursor();
        RuleFor(q => q.Before).PageCursor();
        RuleFor(q => q.PageSize).InclusiveBetween(1, PageRequest.MaxSize);
    }
}
