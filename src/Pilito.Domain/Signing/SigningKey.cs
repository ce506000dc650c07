namespace Pilito.Domain.Signing;

/// <summary>
/// One access-token signing key pair. The private half is kept only as bytes protected by Data Protection (whoever
/// reads the table gets nothing usable); the public half is published in the JWKS from creation on.
/// </summary>
public sealed class SigningKey
{
    public const int MaxIdLength = 64;
    public const string Es256 = "ES256";

    private SigningKey() { } // for EF Core

    /// <summary>The JWK's <c>kid</c>: the RFC 7638 thumbprint of the public key.</summary>
    public string Id { get; private set; } = string.Empty;

    /// <summary>1 for the first key, then one more per rotation. Unique in the database: of two instances adding the
    /// same generation at once, one succeeds and the other reads the winner's key.</summary>
    public int Generation { get; private set; }

    public string Algorithm { get; private set; } = Es256;

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it starts signing. Until then it is only published, so that verifiers' cached key sets hold it
    /// before the first token it signs reaches them.</summary>
    public DateTimeOffset ActivatesAt { get; private set; }

    /// <summary>The PKCS #8 private key after Data Protection's Protect: never stored or logged in the clear.</summary>
    public byte[] ProtectedPrivateKey { get; private set; } = [];

    /// <summary>The public point (P-256 x and y), base64url as the JWK carries them.</summary>
    public string PublicX { get; private set; } = string.Empty;

    public string PublicY { get; private set; } = string.Empty;

    public static SigningKey Create(int generation, SigningKeyMaterial material, DateTimeOffset now, DateTimeOffset activatesAt)
    {
        ArgumentNullException.ThrowIfNull(material);
        ArgumentOutOfRangeException.ThrowIfLessThan(generation, 1);
        if (activatesAt < now)
            throw new ArgumentOutOfRangeException(nameof(activatesAt), "A key cannot start signing before it exists.");
        return new SigningKey
        {
            Id = material.Id,
            Generation = generation,
            Algorithm = material.Algorithm,
            CreatedAt = now,
            ActivatesAt = activatesAt,
            ProtectedPrivateKey = material.ProtectedPrivateKey,
            PublicX = material.PublicX,
            PublicY = material.PublicY,
        };
    }

    public override string ToString() => $"signing key {Id} (generation {Generation})"; // never the key material
}
