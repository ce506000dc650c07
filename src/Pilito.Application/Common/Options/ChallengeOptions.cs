using System.ComponentModel.DataAnnotations;

namespace Pilito.Application.Common.Options;

/// <summary>
/// The optional proof-of-work challenge (ALTCHA, docs/security.md): a client asks for a challenge, spends CPU on it
/// and sends the solution with its request.
/// </summary>
public sealed class ChallengeOptions
{
    public const string Section = "Challenge";
    public const int MinHmacKeyLength = 32;

    /// <summary>Ask for a solved challenge. Off by default: existing apps keep working unchanged.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// HMAC-SHA256 key that signs challenges. Required when <see cref="Enabled"/> outside Development; a key of its
    /// own, never Auth:SigningKey or Otp:HashKey.
    /// </summary>
    public string? HmacKey { get; set; }

    /// <summary>
    /// Difficulty: the secret number is drawn from 1 to this, and a solver tries half of them on average (one SHA-256
    /// each). ALTCHA's <c>maxnumber</c>.
    /// </summary>
    [Range(1_000, 10_000_000)]
    public int MaxNumber { get; set; } = 100_000;

    /// <summary>How long a challenge may be solved and used; also how long its single-use key must be kept.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// When a request must carry a solved challenge: once the service, the destination prefix or the client network
    /// has spent this share of its hourly limit, or the phone is past its first codes of the day (its resend waits have
    /// begun). The limits themselves still hold; a challenge only makes each request before them cost CPU.
    /// </summary>
    [Range(0.0, 1.0)]
    public double PressureShare { get; set; } = 0.5;
}
