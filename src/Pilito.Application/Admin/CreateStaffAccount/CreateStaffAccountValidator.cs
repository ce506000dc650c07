using FluentValidation;
using Pilito.Application.Common;

namespace Pilito.Application.Admin.CreateStaffAccount;

public sealed class CreateStaffAccountValidator : AbstractValidator<CreateStaffAccountCommand>
{
    public CreateStaffAccountValidator()
    {
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(ValidationMessages.Required)
            .EmailAddress().WithMessage("Enter a valid email address.");
        RuleFor(c => c.Password).NotEmpty().WithMessage(ValidationMessages.Required);
        RuleFor(c => c.Role).Must(r => StaffRoles.All.Contains(r)).WithMessage("Role must be Staff or Admin.");
    }
}
