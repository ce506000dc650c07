using System.ComponentModel.DataAnnotations;

namespace Pilito.Infrastructure.Sms;

public enum SmsProvider
{
    Kavenegar,

    /// <summary>Writes the message to the log and sends nothing: for local runs and tests.</summary>
    Log,
}

public sealed class SmsOptions
{
    public const string Section = "Sms";
    public const string CodePlaceholder = "{code}";

    /// <summary>Default: Log in Development, Kavenegar elsewhere.</summary>
    public SmsProvider? Provider { get; set; }

    [Required]
    // ErrorMessage goes through string.Format: the braces of {code} are doubled, or the message itself throws.
    [RegularExpression(@"[\s\S]*\{code\}[\s\S]*", ErrorMessage = "Sms:OtpMessageTemplate must contain {{code}}.")]
    [MaxLength(900)]
    public string OtpMessageTemplate { get; set; } = "Your Pilito verification code: {code}";

    public string RenderOtpMessage(string code) => OtpMessageTemplate.Replace(CodePlaceholder, code, StringComparison.Ordinal);
}
