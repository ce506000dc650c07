namespace Pilito.Application.Common.Ports;

public interface IAccessTokenIssuer
{
    /// <summary>Signs an access token; asynchronous because the ES256 key may have to be read or rotated first.</summary>
    ValueTask<AccessToken> IssueAsync(UserAccount user, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt);
