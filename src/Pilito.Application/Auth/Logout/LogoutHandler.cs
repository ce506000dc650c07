using Mediator;
using Microsoft.Extensions.Logging;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Writes;
using Pilito.Application.Webhooks;

namespace Pilito.Application.Auth.Logout;

/// <summary>
/// Revokes the family of the presented refresh token, in the writer's transaction: a refresh racing it either
/// commits first (and its successor is revoked with the family) or finds the token revoked. An unknown, spent or
/// expired token is answered the same, so the answer tells nothing about it.
/// </summary>
public sealed class LogoutHandler(IOtpWriter writer, ISecretTokenGenerator secrets, WebhookEvents events, TimeProvider clock, ILogger<LogoutHandler> logger)
    : ICommandHandler<LogoutCommand, Unit>
{
    public async ValueTask<Unit> Handle(LogoutCommand command, CancellationToken cancellationToken)
    {
        var presented = secrets.Hash(command.RefreshToken!);
        var now = clock.GetUtcNow();
        var ended = await writer.RunAsync(null, async (transaction, ct) =>
        {
            var token = await transaction.FindRefreshTokenAsync(presented, ct);
            if (token is null)
                return null;
            var family = await transaction.FindRefreshFamilyAsync(token.FamilyId, ct);
            var ending = family.Where(m => m.RevokedAt is null).ToList();
            foreach (var member in ending)
                member.Revoke(now);
            events.SessionsRevoked(transaction, ending, "logout", now);
            return token;
        }, cancellationToken);
        if (ended is not null)
            logger.LogInformation("Session {FamilyId} of user {UserId} signed out", ended.FamilyId, ended.UserId);
        return Unit.Value;
    }
}
