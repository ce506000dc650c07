using FluentValidation;

namespace Pilito.Application.Admin.RecordStaffAction;

public sealed class RecordStaffActionValidator : AbstractValidator<RecordStaffActionCommand>
{
    public RecordStaffActionValidator()
    {
        RuleFor(c => c.Actor).NotNull();
        RuleFor(c => c.Action).IsInEnum();
    }
}
