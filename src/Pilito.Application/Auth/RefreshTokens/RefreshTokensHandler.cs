using Mediator;
using Microsoft.Extensions.Logging;
using Pilito.Application.Auth.Sessions;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Writes;

namespace Pilito.Application.Auth.RefreshTokens;

public sealed class RefreshTokensHandler(
    IOtpWriter writer,
    ISecretTokenGenerator secrets,
    SessionIssuer sessions,
    TimeProvider clock,
    ILogger<RefreshTokensHandler> logger) : ICommandHandler<RefreshTokensCommand, Session>
{
    public async ValueTask<Session> Handle(RefreshTokensCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var presented = secrets.Hash(command.RefreshToken!);
        var successor = sessions.NewRefreshToken();
        // In the writer's transaction: of two refreshes with one token, the second finds it spent, which is reuse.
        var rotation = await writer.RunAsync(null, (transaction, ct) => RotateAsync(transaction, presented, successor, now, ct), cancellationToken);
        if (rotation.ReusedBy is { } reuse)
            logger.LogWarning("Refresh token reused for user {UserId}; revoked its family {FamilyId}", reuse.UserId, reuse.FamilyId);
        return rotation.User is { } user ? sessions.Start(successor, user, now) : throw new InvalidRefreshTokenException();
    }

    private async Task<Rotation> RotateAsync(IOtpTransaction transaction, byte[] presented, PendingRefresh successor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var token = await transaction.FindRefreshTokenAsync(presented, cancellationToken);
        if (token is null)
            return Rotation.Refused;

        if (token.WasUsed || token.RevokedAt is not null)
        {
            // A spent token presented again was stolen or replayed: every token of its family ends now.
            foreach (var member in await transaction.FindRefreshFamilyAsync(token.FamilyId, cancellationToken))
                member.Revoke(now);
            return new Rotation(null, token);
        }

        if (!token.IsActiveAt(now))
            return Rotation.Refused;
        var user = await transaction.FindAccountAsync(token.UserId, now, cancellationToken);
        if (user is null || user.IsLocked)
            return Rotation.Refused;
        transaction.Add(sessions.Rotate(token, successor, now));
        return new Rotation(user, null);
    }

    private sealed record Rotation(UserAccount? User, Domain.Accounts.RefreshToken? ReusedBy)
    {
        public static Rotation Refused { get; } = new(null, null);
    }
}
