using FluentValidation;

namespace Pilito.Application.Admin.Common;

public static class CursorRules
{
    public const string InvalidCursor = "Not a valid page link.";

    public static IRuleBuilderOptions<T, string?> PageCursor<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Must(c => string.IsNullOrEmpty(c) || Common.PageCursor.TryParse(c, out _)).WithMessage(InvalidCursor);
}
