using System.ComponentModel.DataAnnotations;

namespace Pilito.Infrastructure.Sms.SmsIr;

/// <summary>sms.ir's REST API v1 (https://app.sms.ir/developer/help): a panel template sent through send/verify.</summary>
public sealed class SmsIrOptions
{
    public const string Section = "SmsIr";

    /// <summary>The panel's API key (Developers → API keys). Also read from SMSIR_API_KEY. Sent as the X-API-KEY header, never logged.</summary>
    public string? ApiKey { get; set; }

    [Required]
    public Uri BaseUrl { get; set; } = new("https://api.sms.ir/v1/");

    /// <summary>The id of a "fast send" template approved in the panel, whose text has #Code# (or <see cref="CodeParameter"/>).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "SmsIr:TemplateId must be the number of a template approved in the sms.ir panel.")]
    public int? TemplateId { get; set; }

    /// <summary>The template's parameter that carries the code, without the # marks.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9_]{0,49}$", ErrorMessage = "SmsIr:CodeParameter must be the template parameter's name without # marks: letters, digits and underscores.")]
    public string CodeParameter { get; set; } = "Code";

    /// <summary>Optional template parameter given the minutes the code stays valid (as Kavenegar's token2).</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9_]{0,49}$", ErrorMessage = "SmsIr:LifetimeParameter must be a template parameter's name without # marks: letters, digits and underscores.")]
    public string? LifetimeParameter { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Below this credit (sms.ir counts it in SMS) readiness reports degraded and staff are warned.</summary>
    [Range(0, long.MaxValue)]
    public long LowCreditThreshold { get; set; } = 100;

    /// <summary>How long a credit figure is reused before sms.ir is asked again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CreditCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    public bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>A key and a template: what a send needs.</summary>
    public bool IsConfigured => HasApiKey && TemplateId is not null;

    /// <summary>The key for screens and logs: first and last four characters only.</summary>
    public string MaskedApiKey => ApiKey is { Length: >= 12 } key ? $"{key[..4]}****{key[^4..]}" : "****";
}
