using System.Globalization;
using Microsoft.Extensions.Options;

namespace Pilito.Infrastructure.Sms;

/// <summary>Sms:Templates:&lt;language&gt;: each failure names its own setting, so that the start-up line says which.</summary>
internal sealed class SmsTemplatesValidator : IValidateOptions<SmsOptions>
{
    /// <summary>Kavenegar's sms/send limit (413 above it).</summary>
    private const int MaxMessageLength = 900;

    /// <summary>The longest code Otp:CodeLength allows: a template must fit with it and the autofill lines.</summary>
    private const int LongestCode = 10;

    public ValidateOptionsResult Validate(string? name, SmsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (language, template) in options.Templates)
        {
            var setting = $"Sms:Templates:{language}";
            if (language.Length is < 2 or > 8 || !language.All(char.IsAsciiLetter))
                failures.Add($"{setting}: the key must be a language's primary tag, two to eight letters (fa, en).");
            else if (string.IsNullOrEmpty(template) || !template.Contains(SmsOptions.CodePlaceholder, StringComparison.Ordinal))
                failures.Add($"{setting} must contain {{code}}.");
            else if (options.RenderSms(new string('0', LongestCode), language).Length > MaxMessageLength)
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{setting} is too long: with the code and the autofill lines it must fit in {MaxMessageLength} characters."));
        }

        // The default text is checked alone by its own [MaxLength]; the autofill lines may push it over.
        if (options.OtpMessageTemplate is { } fallback && fallback.Contains(SmsOptions.CodePlaceholder, StringComparison.Ordinal)
            && fallback.Length <= MaxMessageLength && options.RenderSms(new string('0', LongestCode), null).Length > MaxMessageLength)
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"Sms:OtpMessageTemplate is too long: with the code and the autofill lines it must fit in {MaxMessageLength} characters."));

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
