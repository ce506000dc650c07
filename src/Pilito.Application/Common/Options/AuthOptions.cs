using System.ComponentModel.DataAnnotations;

namespace Pilito.Application.Common.Options;

public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const int MinSigningKeyLength = 32;
    public const string Es256 = "ES256";
    public const string Hs256 = "HS256";

    /// <summary>How long a new key is published before it signs; the JWKS's max-age is well below it.</summary>
    public static readonly TimeSpan KeyActivationDelay = TimeSpan.FromMinutes(5);

    /// <summary>Clock skew tolerated by every validator, Pilito's own and the JWKS retention alike.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>ES256 (default: key pairs in the database, public keys at /.well-known/jwks.json) or HS256 (the shared
    /// <see cref="SigningKey"/>, for deployments whose other services already hold that secret).</summary>
    public string SigningAlgorithm { get; set; } = Es256;

    /// <summary>How long each ES256 key signs before a new one takes over.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan KeyRotation { get; set; } = TimeSpan.FromDays(30);

    [Range(typeof(TimeSpan), "00:00:30", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Refresh tokens refused (unknown, spent, expired) per client network per hour; see Otp:Ipv6PrefixLength.</summary>
    [Range(1, 10_000_000)]
    public int MaxRefreshFailuresPerIpPerHour { get; set; } = 300;

    /// <summary>HMAC-SHA256 secret that signs access tokens with HS256 (required then, outside Development). With ES256,
    /// optional: while set, HS256 tokens it signed before the switch are still accepted until they expire.</summary>
    public string? SigningKey { get; set; }

    [Required]
    public string Issuer { get; set; } = "pilito";

    [Required]
    public string Audience { get; set; } = "pilito-api";

    public bool UsesEs256 => string.Equals(SigningAlgorithm, Es256, StringComparison.Ordinal);

    public bool UsesHs256 => string.Equals(SigningAlgorithm, Hs256, StringComparison.Ordinal);

    public bool HasSigningKey => !string.IsNullOrEmpty(SigningKey);
}
