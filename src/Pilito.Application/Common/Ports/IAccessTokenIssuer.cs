namespace Pilito.Application.Common.Ports;

public interface IAccessTokenIssuer
{
    /// <summary>Signs an access token; asynchronous because the ES256 key may have to be read or rotated first.</summary>
    /// <param name="sessionId">The refresh family the token belongs to (the <c>sid</c> claim): which session is "this one".</param>
    ValueTask<AccessToken> IssueAsync(UserAccount user, Guid sessionId, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt);
