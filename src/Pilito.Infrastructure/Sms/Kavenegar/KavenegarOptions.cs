using System.ComponentModel.DataAnnotations;

namespace Pilito.Infrastructure.Sms.Kavenegar;

public sealed class KavenegarOptions
{
    public const string Section = "Kavenegar";

    /// <summary>Also read from KAVENEGAR_API_KEY. Never logged: it is a path segment of every call.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Sender line for sms/send. Also read from KAVENEGAR_SENDER.</summary>
    [Required]
    public string Sender { get; set; } = "10008663";

    [Required]
    public Uri BaseUrl { get; set; } = new("https://api.kavenegar.com/");

    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A template approved in the Kavenegar panel: when set, codes go through verify/lookup (Kavenegar's OTP path).</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9-]{0,99}$", ErrorMessage = "Kavenegar:Template must be the template's English name: letters, digits and dashes.")]
    public string? Template { get; set; }

    /// <summary>Below this remaining credit (Rial) readiness reports degraded and check-otp-config warns.</summary>
    [Range(0, long.MaxValue)]
    public long LowCreditThreshold { get; set; } = 100_000;

    /// <summary>
    /// What Kavenegar bills for one message (one part of a long text), in Rial, from the panel's price list: with it,
    /// check-otp-config and the diagnostics page say what each code's text costs. Unset: no estimate.
    /// </summary>
    [Range(1, 100_000_000)]
    public long? PricePerMessage { get; set; }

    /// <summary>How long a credit figure is reused by /health/ready before Kavenegar is asked again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CreditCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The key had surrounding spaces or quotes (a common .env mistake); they were removed.</summary>
    public bool ApiKeyWasCleaned { get; internal set; }

    public bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKey);

    public bool UsesLookup => !string.IsNullOrWhiteSpace(Template);

    /// <summary>The key for screens and logs: first and last four characters only.</summary>
    public string MaskedApiKey => ApiKey is { Length: >= 12 } key ? $"{key[..4]}****{key[^4..]}" : "****";
}
