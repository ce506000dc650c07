using Mediator;
using Microsoft.Extensions.Logging;
using Pilito.Application.Auth.Sessions;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Auth.RefreshTokens;

public sealed class RefreshTokensHandler(
    IRefreshTokenStore store,
    ISecretTokenGenerator secrets,
    IUserAccounts users,
    SessionIssuer sessions,
    TimeProvider clock,
    ILogger<RefreshTokensHandler> logger) : ICommandHandler<RefreshTokensCommand, Session>
{
    public async ValueTask<Session> Handle(RefreshTokensCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var token = await store.FindByHashAsync(secrets.Hash(command.RefreshToken!), cancellationToken)
            ?? throw new InvalidRefreshTokenException();

        if (token.WasUsed || token.RevokedAt is not null)
        {
            await RevokeFamilyAsync(token.FamilyId, token.UserId, now, cancellationToken);
            throw new InvalidRefreshTokenException();
        }

        if (!token.IsActiveAt(now))
            throw new InvalidRefreshTokenException();

        var user = await users.FindAsync(token.UserId, cancellationToken);
        if (user is null || user.IsLocked)
            throw new InvalidRefreshTokenException();
        var refresh = sessions.NewRefreshToken();
        store.Add(sessions.Rotate(token, refresh, now));
        // Losing the race to a concurrent refresh with the same token is a reuse too.
        if (!await store.TrySaveAsync(cancellationToken))
        {
            await RevokeFamilyAsync(token.FamilyId, token.UserId, now, cancellationToken);
            throw new InvalidRefreshTokenException();
        }

        return sessions.Start(refresh, user, now);
    }

    private async Task RevokeFamilyAsync(Guid familyId, Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        logger.LogWarning("Refresh token reused for user {UserId}; revoking its family {FamilyId}", userId, familyId);
        await store.RevokeFamilyAsync(familyId, now, cancellationToken);
    }
}
