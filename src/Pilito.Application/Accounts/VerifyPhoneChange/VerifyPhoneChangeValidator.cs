using FluentValidation;
using Pilito.Application.Common;

namespace Pilito.Application.Accounts.VerifyPhoneChange;

/// <summary>The same fields and messages as the sign-in verification's.</summary>
public sealed class VerifyPhoneChangeValidator : AbstractValidator<VerifyPhoneChangeCommand>
{
    public VerifyPhoneChangeValidator()
    {
        RuleFor(c => c.PhoneNumber).IranianMobile();
        RuleFor(c => c.Code).RequiredText();
    }
}
