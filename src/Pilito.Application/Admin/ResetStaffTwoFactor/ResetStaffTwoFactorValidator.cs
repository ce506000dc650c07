using FluentValidation;
using Pilito.Application.Common;

namespace Pilito.Application.Admin.ResetStaffTwoFactor;

public sealed class ResetStaffTwoFactorValidator : AbstractValidator<ResetStaffTwoFactorCommand>
{
    public ResetStaffTwoFactorValidator() => RuleFor(c => c.Email).Cascade(CascadeMode.Stop)
        .NotEmpty().WithMessage(ValidationMessages.Required)
        .EmailAddress().WithMessage("Enter a valid email address.");
}
