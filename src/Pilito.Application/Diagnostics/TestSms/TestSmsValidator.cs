using FluentValidation;
using Pilito.Application.Common;

namespace Pilito.Application.Diagnostics.TestSms;

public sealed class TestSmsValidator : AbstractValidator<TestSmsCommand>
{
    public TestSmsValidator()
    {
        RuleFor(c => c.Receptor).IranianMobile();
        RuleFor(c => c.Method)
            .Must(m => m is null || TestSmsHandler.TryParseMethod(m, out _))
            .WithMessage("Method must be send, lookup or both.");
        RuleFor(c => c.Message).MaximumLength(900).WithMessage("Kavenegar takes at most 900 characters.");
    }
}
