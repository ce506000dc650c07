using System.ComponentModel.DataAnnotations;

namespace Pilito.Application.Common.Options;

public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const int MinSigningKeyLength = 32;

    [Range(typeof(TimeSpan), "00:00:30", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Refresh tokens refused (unknown, spent, expired) per client network per hour; see Otp:Ipv6PrefixLength.</summary>
    [Range(1, 10_000_000)]
    public int MaxRefreshFailuresPerIpPerHour { get; set; } = 300;

    /// <summary>HMAC-SHA256 secret that signs access tokens. Required outside Development.</summary>
    public string? SigningKey { get; set; }

    [Required]
    public string Issuer { get; set; } = "pilito";

    [Required]
    public string Audience { get; set; } = "pilito-api";
}
