using FluentValidation;
using Pilito.Application.Common;

namespace Pilito.Application.Otp.VerifyOtp;

public sealed class VerifyOtpValidator : AbstractValidator<VerifyOtpCommand>
{
    public VerifyOtpValidator()
    {
        RuleFor(c => c.PhoneNumber).IranianMobile();
        RuleFor(c => c.Code).RequiredText();
    }
}
