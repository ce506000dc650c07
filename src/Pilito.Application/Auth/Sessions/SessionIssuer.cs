using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Accounts;

namespace Pilito.Application.Auth.Sessions;

/// <summary>Makes the tokens of a session; storing them is the caller's (a sign-in's round, a refresh's save).</summary>
public sealed class SessionIssuer(
    IAccessTokenIssuer accessTokens,
    ISecretTokenGenerator secrets,
    IOptions<AuthOptions> options)
{
    /// <summary>A refresh token for a sign-in that is still to be stored (see <see cref="StartFamily"/>).</summary>
    public PendingRefresh NewRefreshToken()
    {
        var refresh = secrets.Generate();
        return new PendingRefresh(refresh, secrets.Hash(refresh), Guid.NewGuid());
    }

    /// <summary>The stored form of <paramref name="refresh"/>: the first token of a new family for <paramref name="userId"/>.</summary>
    public RefreshToken StartFamily(PendingRefresh refresh, Guid userId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        return RefreshToken.StartFamily(userId, refresh.FamilyId, refresh.Hash, now, options.Value.RefreshTokenLifetime);
    }

    /// <summary>
    /// The session for a refresh token the database stored: a sign-in's (<see cref="StartFamily"/>) or a rotation's;
    /// its access token names the refresh family (<paramref name="familyId"/>) as the session.
    /// </summary>
    public async Task<Session> StartAsync(PendingRefresh refresh, Guid familyId, UserAccount user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        ArgumentNullException.ThrowIfNull(user);
        return new Session(await accessTokens.IssueAsync(user, familyId, now, cancellationToken), refresh.Token, user);
    }

    /// <summary>Spends <paramref name="current"/> and returns its successor in the family, stored as <paramref name="refresh"/>.</summary>
    public RefreshToken Rotate(RefreshToken current, PendingRefresh refresh, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(refresh);
        return current.Rotate(refresh.Hash, now, options.Value.RefreshTokenLifetime);
    }
}
