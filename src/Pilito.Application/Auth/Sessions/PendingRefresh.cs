namespace Pilito.Application.Auth.Sessions;

/// <summary>
/// A new refresh token: what the client gets, and the hash the database keeps. A class rather than a record so
/// that printing it never shows the token.
/// </summary>
public sealed class PendingRefresh(string token, byte[] hash)
{
    public string Token { get; } = token;

    public byte[] Hash { get; } = hash;
}
