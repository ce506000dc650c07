namespace Pilito.Application.Auth.Sessions;

/// <summary>
/// A new refresh token: what the client gets, and the hash the database keeps. A class rather than a record so
/// that printing it never shows the token. <see cref="FamilyId"/> is the family a sign-in starts with it (a
/// rotation keeps its predecessor's), chosen here so that a write run twice stores the family the session names.
/// </summary>
public sealed class PendingRefresh(string token, byte[] hash, Guid familyId)
{
    public Guid FamilyId { get; } = familyId;

    public string Token { get; } = token;

    public byte[] Hash { get; } = hash;
}
