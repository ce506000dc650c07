using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Accounts;

namespace Pilito.Application.Auth.Sessions;

public sealed class SessionIssuer(
    IAccessTokenIssuer accessTokens,
    IRefreshTokenStore refreshTokens,
    ISecretTokenGenerator secrets,
    IOptions<AuthOptions> options)
{
    public async Task<Session> StartAsync(UserAccount user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var refresh = secrets.Generate();
        refreshTokens.Add(RefreshToken.StartFamily(user.Id, secrets.Hash(refresh), now, options.Value.RefreshTokenLifetime));
        await refreshTokens.TrySaveAsync(cancellationToken); // a fresh insert: nothing to conflict with
        return new Session(accessTokens.Issue(user, now), refresh, user);
    }

    /// <summary>Spends <paramref name="current"/> and continues its family; null when another request spent it first.</summary>
    public async Task<Session?> RotateAsync(RefreshToken current, UserAccount user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(user);
        var refresh = secrets.Generate();
        refreshTokens.Add(current.Rotate(secrets.Hash(refresh), now, options.Value.RefreshTokenLifetime));
        if (!await refreshTokens.TrySaveAsync(cancellationToken))
            return null;
        return new Session(accessTokens.Issue(user, now), refresh, user);
    }
}
