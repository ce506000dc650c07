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

    /// <summary>Failed verifications per phone per hour, whether or not the phone has a code: caps guessing across codes.</summary>
    [Range(1, 10_000)]
    public int MaxVerifyFailuresPerPhonePerHour { get; set; } = 20;

    /// <summary>Codes per client address per hour. Generous: carriers put many phones behind one address.</summary>
    [Range(1, 10_000_000)]
    public int MaxSendsPerIpPerHour { get; set; } = 100;

    /// <summary>Codes per hour across the whole service: a ceiling on what SMS pumping can cost.</summary>
    [Range(1, 100_000_000)]
    public int MaxSendsPerHour { get; set; } = 1000;

    /// <summary>Tokens older than this are deleted (support staff look back this far).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Purge in the background on every instance; off when purge-otp runs from a scheduler instead.</summary>
    public bool PurgeInBackground { get; set; } = true;

    /// <summary>How often each instance purges tokens past Retention.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement: small batches keep each write lock short.</summary>
    [Range(1, 100_000)]
    public int PurgeBatchSize { get; set; } = 1000;

    /// <summary>Key of the HMAC that stores codes. Required outside Development.</summary>
    public string? HashKey { get; set; }

    /// <summary>Return the code in the API answer. For local development only; refused in Production.</summary>
    public bool? RevealCodes { get; set; }

    public bool ShouldRevealCodes => RevealCodes ?? false;
}
