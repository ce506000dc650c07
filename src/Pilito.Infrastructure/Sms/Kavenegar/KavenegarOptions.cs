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

    public bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKey);
}
