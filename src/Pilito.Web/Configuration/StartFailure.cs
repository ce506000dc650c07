using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Pilito.Web.Configuration;

/// <summary>
/// Turns what a wrong setting throws while the host is built and validated into the one line an operator reads:
/// <c>Pilito cannot start: …</c>, naming the setting. Anything else is a bug and keeps its stack trace.
/// </summary>
public static partial class StartFailure
{
    public const string Prefix = "Pilito cannot start: ";

    /// <summary>The line for a wrong setting; null when <paramref name="exception"/> is not about a setting.</summary>
    public static string? Describe(Exception exception) => Reason(exception) is { } reason ? Line(reason) : null;

    private static string? Reason(Exception exception) => exception switch
    {
        OptionsValidationException e => string.Join(" ", e.Failures.Select(f => Named(f, e.OptionsType))),
        InvalidSettingException e => e.Message,
        // The binder's message names the value, the setting and the type.
        InvalidOperationException { InnerException: FormatException or ArgumentException } e => e.Message,
        // Several sections failed at once (ValidateOnStart collects them): still one line, naming each.
        AggregateException { InnerExceptions.Count: > 0 } e when e.InnerExceptions.All(i => Reason(i) is not null) =>
            string.Join(" ", e.InnerExceptions.Select(i => Reason(i))),
        _ => null,
    };

    // "DataAnnotation validation failed for 'OtpOptions' members: 'CodeLength' with the error: 'The field CodeLength
    // must be between 4 and 10.'." names a class and a property; operators set "Otp:CodeLength".
    private static string Named(string failure, Type optionsType)
    {
        var match = DataAnnotationFailure().Match(failure);
        if (!match.Success)
            return failure;
        var section = optionsType.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string;
        var error = match.Groups["error"].Value;
        if (section is null)
            return error;
        var settings = match.Groups["members"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(m => $"{section}:{m}").ToList();
        return settings.Any(s => error.Contains(s, StringComparison.Ordinal)) ? error : $"{string.Join(", ", settings)}: {error}";
    }

    // One line, whatever the messages hold: a log collector reads line by line.
    private static string Line(string message) =>
        Prefix + string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '(?<members>[^']*)' with the error: '(?<error>.*)'\.$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex DataAnnotationFailure();
}
