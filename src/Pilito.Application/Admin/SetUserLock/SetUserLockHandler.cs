using Mediator;
using Microsoft.Extensions.Logging;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Admin.SetUserLock;

public sealed class SetUserLockHandler(IUserAdministration users, ILogger<SetUserLockHandler> logger)
    : ICommandHandler<SetUserLockCommand, bool>
{
    public async ValueTask<bool> Handle(SetUserLockCommand command, CancellationToken cancellationToken)
    {
        var found = await users.SetPhoneAccountLockAsync(command.UserId, command.Locked, cancellationToken);
        if (found)
            logger.LogInformation("Phone account {UserId} {Action} by staff", command.UserId, command.Locked ? "locked" : "unlocked");
        return found;
    }
}
