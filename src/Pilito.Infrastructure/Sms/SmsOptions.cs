using System.ComponentModel.DataAnnotations;

namespace Pilito.Infrastructure.Sms;

public enum SmsProvider
{
    Kavenegar,

    /// <summary>Writes the message to the log and sends nothing: for local runs and tests.</summary>
    Log,

    /// <summary>sms.ir's template verify API (SMS only).</summary>
    SmsIr,
}

public sealed class SmsOptions
{
    public const string Section = "Sms";
    public const string CodePlaceholder = "{code}";

    /// <summary>The one provider when <see cref="Providers"/> is empty. Default: Log in Development, Kavenegar elsewhere.</summary>
    public SmsProvider? Provider { get; set; }

    /// <summary>
    /// Providers in failover order ("Sms:Providers:0=Kavenegar", "Sms:Providers:1=SmsIr"): a code goes through the
    /// first, and through the next only when the one before certainly sent nothing. Empty: <see cref="Provider"/> alone.
    /// </summary>
    /// <remarks>Names, not enum values: the binder drops a list item it cannot convert without a word.</remarks>
    public List<string> Providers { get; init; } = [];

    /// <summary>Sms:Provider was set too and names another provider than the first of Sms:Providers.</summary>
    public bool ProvidersDisagree { get; internal set; }

    /// <summary><see cref="Providers"/> as providers; null when one of them names none.</summary>
    public IReadOnlyList<SmsProvider>? ListedProviders =>
        Providers.All(p => Enum.GetNames<SmsProvider>().Contains(p, StringComparer.Ordinal)) ? [.. Providers.Select(Enum.Parse<SmsProvider>)] : null;

    /// <summary>The providers codes try, in order.</summary>
    public IReadOnlyList<SmsProvider> InOrder => ListedProviders is [_, ..] listed ? listed : Provider is { } one ? [one] : [];

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

    /// <summary>
    /// SMS texts by language ("Sms:Templates:fa"), each containing {code}; chosen by the request's language or
    /// Accept-Language, Persian by default for Iranian numbers. None: every SMS is <see cref="OtpMessageTemplate"/>.
    /// </summary>
    public Dictionary<string, string> Templates { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A host name ("app.example.ir"): each SMS ends with the WebOTP origin-bound line "@app.example.ir #4821", so that
    /// browsers on that site fill the code in (https://wicg.github.io/sms-one-time-codes/).
    /// </summary>
    [RegularExpression(@"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$",
        ErrorMessage = "Sms:AutofillDomain must be a bare host name such as app.example.ir: no scheme, port, path or spaces.")]
    public string? AutofillDomain { get; set; }

    /// <summary>The Android app's 11-character SMS Retriever hash, written on its own line near the end of each SMS.</summary>
    [RegularExpression("^[A-Za-z0-9+/]{11}$", ErrorMessage = "Sms:AndroidAppHash must be the app's 11-character SMS Retriever hash (letters, digits, + and /).")]
    public string? AndroidAppHash { get; set; }

    /// <summary>A short app name for Kavenegar's %token3% in template mode. Kavenegar refuses spaces and underscores in tokens (431).</summary>
    [RegularExpression(@"^[^\s_]{1,100}$", ErrorMessage = "Sms:AppName must be a short name with no spaces or underscores (Kavenegar's token3 refuses them), at most 100 characters.")]
    public string? AppName { get; set; }

    /// <summary>The languages of <see cref="Templates"/>, lower case.</summary>
    public IReadOnlyCollection<string> TemplateLanguages => [.. Templates.Keys.Select(k => k.ToLowerInvariant())];

    /// <summary>Today's text, kept for callers that know no language: <see cref="RenderSms"/> with none.</summary>
    public string RenderOtpMessage(string code) => RenderSms(code, null);

    /// <summary>
    /// The SMS text in <paramref name="language"/> (else the default template), then the autofill lines: the Android
    /// hash, and last the WebOTP line, which the WebOTP format requires to be the very last line.
    /// </summary>
    public string RenderSms(string code, string? language)
    {
        ArgumentNullException.ThrowIfNull(code);
        var template = language is not null && Templates.TryGetValue(language, out var t) ? t : OtpMessageTemplate;
        var text = template.Replace(CodePlaceholder, code, StringComparison.Ordinal);
        var lines = new List<string>(2);
        if (!string.IsNullOrEmpty(AndroidAppHash))
            lines.Add(AndroidAppHash);
        if (!string.IsNullOrEmpty(AutofillDomain))
            lines.Add($"@{AutofillDomain} #{code}");
        return lines.Count == 0 ? text : text + "\n\n" + string.Join('\n', lines);
    }

    public string RenderCallMessage(string code) =>
        CallMessageTemplate.Replace(CodePlaceholder, SpacedDigits(code), StringComparison.Ordinal);

    /// <summary>"4821" → "4 8 2 1".</summary>
    public static string SpacedDigits(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return string.Join(' ', code.ToCharArray());
    }
}
