using FluentValidation;
using Pilito.Application.Common;

namespace Pilito.Application.Otp.RequestOtp;

public sealed class RequestOtpValidator : AbstractValidator<RequestOtpCommand>
{
    public RequestOtpValidator() => RuleFor(c => c.PhoneNumber).IranianMobile();
}
