namespace Pilito.Application.Common.Ports;

public interface IAccessTokenIssuer
{
    AccessToken Issue(UserAccount user, DateTimeOffset now);
}

public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt);
