namespace Pilito.Domain.Accounts;

/// <summary>
/// Every stored field of a <see cref="RefreshToken"/>, for storage code that reads rows without an ORM
/// (<see cref="RefreshToken.Restore"/>). Nothing here is checked again: it was checked when the token was made.
/// </summary>
public sealed record StoredRefreshToken
{
    public required long Id { get; init; }
    public required Guid UserId { get; init; }
    public required Guid FamilyId { get; init; }
    public required byte[] TokenHash { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public required int Version { get; init; }
}
