using FluentValidation;
using Pilito.Application.Common;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Diagnostics.TestSms;

public sealed class TestSmsValidator : AbstractValidator<TestSmsCommand>
{
    public TestSmsValidator(IEnumerable<ISmsDiagnostics> providers)
    {
        var names = providers.Select(p => p.Provider).ToList();
        RuleFor(c => c.Provider)
            .Must(p => p is null || names.Contains(p, StringComparer.OrdinalIgnoreCase))
            .WithMessage($"Provider must be {string.Join(" or ", names)}.");
        RuleFor(c => c.Receptor).IranianMobile();
        RuleFor(c => c.Method)
            .Must(m => m is null || TestSmsHandler.TryParseMethod(m, out _))
            .WithMessage("Method must be send, lookup or both.");
        RuleFor(c => c.Message).MaximumLength(900).WithMessage("Kavenegar takes at most 900 characters.");
    }
}
