using FluentValidation;

namespace Pilito.Application.Common;

public static class TextRules
{
    /// <summary>Present and not blank, with the Django service's two messages; the rules after it run only then.</summary>
    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(ValidationMessages.Required)
            .NotEmpty().WithMessage(ValidationMessages.Blank);
}
