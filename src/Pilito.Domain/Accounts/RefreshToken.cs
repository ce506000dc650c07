using System.Security.Cryptography;

namespace Pilito.Domain.Accounts;

/// <summary>
/// A single-use refresh token, stored as a hash. Tokens descended from one sign-in share a family;
/// presenting a token that was already used revokes the whole family (it was stolen or replayed).
/// </summary>
public sealed class RefreshToken
{
    private RefreshToken()
    {
        TokenHash = null!;
    }

    public long Id { get; private set; }
    public Guid UserId { get; private set; }
    public Guid FamilyId { get; private set; }
    public byte[] TokenHash { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public int Version { get; private set; }

    public static RefreshToken StartFamily(Guid userId, byte[] tokenHash, DateTimeOffset now, TimeSpan lifetime) =>
        Create(userId, Guid.NewGuid(), tokenHash, now, lifetime);

    /// <summary>
    /// The first token of the family <paramref name="familyId"/>, chosen by the caller before its write: a write may
    /// run twice, and the session's access tokens name the family (the <c>sid</c> claim) it stores.
    /// </summary>
    public static RefreshToken StartFamily(Guid userId, Guid familyId, byte[] tokenHash, DateTimeOffset now, TimeSpan lifetime) =>
        Create(userId, familyId, tokenHash, now, lifetime);

    /// <summary>The token as it was stored (see <see cref="StoredRefreshToken"/>).</summary>
    public static RefreshToken Restore(StoredRefreshToken stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new RefreshToken
        {
            Id = stored.Id,
            UserId = stored.UserId,
            FamilyId = stored.FamilyId,
            TokenHash = stored.TokenHash,
            CreatedAt = stored.CreatedAt,
            ExpiresAt = stored.ExpiresAt,
            UsedAt = stored.UsedAt,
            RevokedAt = stored.RevokedAt,
            Version = stored.Version,
        };
    }

    public bool IsActiveAt(DateTimeOffset now) => UsedAt is null && RevokedAt is null && now < ExpiresAt;

    public bool WasUsed => UsedAt is not null;

    /// <summary>Spends this token and returns its successor in the same family.</summary>
    public RefreshToken Rotate(byte[] successorHash, DateTimeOffset now, TimeSpan lifetime)
    {
        if (!IsActiveAt(now))
            throw new InvalidOperationException("Only an active refresh token can be rotated.");
        var successor = Create(UserId, FamilyId, successorHash, now, lifetime); // checks its arguments before this token is spent
        UsedAt = now;
        Version++;
        return successor;
    }

    public void Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
            return;
        RevokedAt = now;
        Version++;
    }

    public bool Matches(byte[] hash) => CryptographicOperations.FixedTimeEquals(TokenHash, hash);

    private static RefreshToken Create(Guid userId, Guid familyId, byte[] tokenHash, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        return new RefreshToken
        {
            UserId = userId,
            FamilyId = familyId,
            TokenHash = tokenHash,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
    }
}
