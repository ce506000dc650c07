using System.ComponentModel.DataAnnotations;
using Pilito.Domain.Otp;

namespace Pilito.Application.Common.Options;

public sealed class OtpOptions
{
    public const string Section = "Otp";

    [Range(OtpCode.MinLength, OtpCode.MaxLength)]
    public int CodeLength { get; set; } = 6;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 1000)]
    public int MaxSendsPerWindow { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SendWindow { get; set; } = TimeSpan.FromMinutes(2);

    [Range(1, 100)]
    public int MaxVerifyAttempts { get; set; } = 5;

    /// <summary>Key of the HMAC that stores codes. Required outside Development.</summary>
    public string? HashKey { get; set; }

    /// <summary>Return the code in the API answer. For local development only; refused in Production.</summary>
    public bool? RevealCodes { get; set; }

    public bool ShouldRevealCodes => RevealCodes ?? false;
}
