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

    /// <summary>
    /// What a voice call says when no Kavenegar:Template is set (call/maketts). The code is read out with its digits
    /// spaced ("4 8 2 1") so that the speech engine says each digit rather than one large number.
    /// </summary>
    [Required]
    [RegularExpression(@"[\s\S]*\{code\}[\s\S]*", ErrorMessage = "Sms:CallMessageTemplate must contain {{code}}.")]
    [MaxLength(900)]
    public string CallMessageTemplate { get; set; } = "Your Pilito code is {code}. Again: {code}.";

    public string RenderOtpMessage(string code) => OtpMessageTemplate.Replace(CodePlaceholder, code, StringComparison.Ordinal);

    public string RenderCallMessage(string code) =>
        CallMessageTemplate.Replace(CodePlaceholder, SpacedDigits(code), StringComparison.Ordinal);

    /// <summary>"4821" → "4 8 2 1".</summary>
    public static string SpacedDigits(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return string.Join(' ', code.ToCharArray());
    }
}
