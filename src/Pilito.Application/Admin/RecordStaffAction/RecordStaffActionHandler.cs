using Mediator;
using Pilito.Application.Admin.Audit;

namespace Pilito.Application.Admin.RecordStaffAction;

public sealed class RecordStaffActionHandler(StaffAuditRecorder audit) : ICommandHandler<RecordStaffActionCommand>
{
    public async ValueTask<Unit> Handle(RecordStaffActionCommand command, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(command.Actor, command.Action, command.Target);
        return Unit.Value;
    }
}
