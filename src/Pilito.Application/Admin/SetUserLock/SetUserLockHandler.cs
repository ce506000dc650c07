using Mediator;
using Microsoft.Extensions.Logging;
using Pilito.Application.Admin.Audit;
using Pilito.Application.Auth.Sessions;
using Pilito.Application.Common.Ports;
using Pilito.Application.Webhooks;
using Pilito.Domain.Audit;

namespace Pilito.Application.Admin.SetUserLock;

/// <summary>
/// Locks or unlocks a phone account. A lock also ends every session (its refresh tokens are revoked for good), so
/// an unlock starts from a fresh sign-in and never revives a token issued before the lock, a stolen one included.
/// </summary>
public sealed class SetUserLockHandler(
    IUserAdministration users, AccountSessions sessions, StaffAuditRecorder audit, WebhookEvents events, TimeProvider clock, ILogger<SetUserLockHandler> logger)
    : ICommandHandler<SetUserLockCommand, bool>
{
    public async ValueTask<bool> Handle(SetUserLockCommand command, CancellationToken cancellationToken)
    {
        var messages = events.UserLockChanged(command.UserId, command.Locked, clock.GetUtcNow());
        var found = await users.SetPhoneAccountLockAsync(command.UserId, command.Locked, messages, cancellationToken);
        if (!found)
            return false;
        logger.LogInformation("Phone account {UserId} {Action} by staff {StaffEmail}", command.UserId,
            command.Locked ? "locked" : "unlocked", command.Actor.LogName);
        if (command.Locked)
            await sessions.EndAllAsync(command.UserId, "locked", cancellationToken);
        await audit.RecordAsync(command.Actor, command.Locked ? StaffAuditAction.LockUser : StaffAuditAction.UnlockUser, command.UserId.ToString());
        return true;
    }
}
