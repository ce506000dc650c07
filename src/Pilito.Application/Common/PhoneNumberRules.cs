using FluentValidation;
using Pilito.Domain.Phones;

namespace Pilito.Application.Common;

public static class PhoneNumberRules
{
    /// <summary>Required, not blank, and an Iranian mobile number in any accepted format.</summary>
    public static IRuleBuilderOptions<T, string?> IranianMobile<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.RequiredText()
            .Must(p => PhoneNumber.TryParse(p, out _)).WithMessage(ValidationMessages.InvalidPhone);
}
