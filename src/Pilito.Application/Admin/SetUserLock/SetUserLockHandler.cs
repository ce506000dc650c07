using Mediator;
using Microsoft.Extensions.Logging;
using Pilito.Application.Auth.Sessions;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Admin.SetUserLock;

/// <summary>
/// Locks or unlocks a phone account. A lock also ends every session (its refresh tokens are revoked for good), so
/// an unlock starts from a fresh sign-in and never revives a token issued before the lock, a stolen one included.
/// </summary>
public sealed class SetUserLockHandler(IUserAdministration users, AccountSessions sessions, ILogger<SetUserLockHandler> logger)
    : ICommandHandler<SetUserLockCommand, bool>
{
    public async ValueTask<bool> Handle(SetUserLockCommand command, CancellationToken cancellationToken)
    {
        var found = await users.SetPhoneAccountLockAsync(command.UserId, command.Locked, cancellationToken);
        if (!found)
            return false;
        logger.LogInformation("Phone account {UserId} {Action} by staff", command.UserId, command.Locked ? "locked" : "unlocked");
        if (command.Locked)
            await sessions.EndAllAsync(command.UserId, "locked by staff", cancellationToken);
        return true;
    }
}
