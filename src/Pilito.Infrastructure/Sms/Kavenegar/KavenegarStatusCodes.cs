using System.Collections.Frozen;
using System.Globalization;

namespace Pilito.Infrastructure.Sms.Kavenegar;

/// <summary>
/// English reasons for Kavenegar's return.status codes, from the official REST table. Some older guides
/// give wrong codes (e.g. 401 as "invalid key"); these are the real ones. Map by number, never by the Persian text.
/// </summary>
public static class KavenegarStatusCodes
{
    public const int Ok = 200;

    private static readonly FrozenDictionary<int, string> Reasons = new Dictionary<int, string>
    {
        [200] = "Approved",
        [400] = "Parameters incomplete",
        [401] = "Account deactivated",
        [402] = "Operation failed",
        [403] = "Invalid API key",
        [404] = "Unknown method",
        [405] = "Wrong HTTP method",
        [406] = "Required parameters empty",
        [407] = "No access to the requested data",
        [408] = "Caller IP must be set in the security settings",
        [409] = "Kavenegar server busy, try later",
        [411] = "Invalid receptor",
        [412] = "Invalid sender",
        [413] = "Message empty or over 900 characters",
        [414] = "Too many records",
        [415] = "Start index greater than total count",
        [416] = "Caller IP does not match the settings",
        [417] = "Invalid send date",
        [418] = "Insufficient credit",
        [419] = "Text, receptor and sender lists differ in length",
        [420] = "Links in the text are not allowed for this account",
        [422] = "Invalid characters in the data",
        [424] = "Template not found",
        [426] = "Method requires the advanced service",
        [427] = "Line requires an access level",
        [428] = "Voice-call delivery not possible",
        [429] = "IP restricted",
        [431] = "Invalid token structure",
        [432] = "Code parameter not in the message text",
        [451] = "Too many calls; IP restricted",
        [501] = "Trial account: only the owner's number",
        [604] = "Too many numbers",
        [607] = "Invalid tag name",
    }.ToFrozenDictionary();

    /// <summary>A code of the official table: a refusal whose meaning is known, after which nothing was sent.</summary>
    public static bool IsDocumented(int status) => Reasons.ContainsKey(status) || status is >= 800 and <= 813;

    public static string Reason(int status) =>
        Reasons.TryGetValue(status, out var reason) ? reason
        : status is >= 800 and <= 813 ? "Media (MMS or messenger) error"
        : string.Create(CultureInfo.InvariantCulture, $"Unknown Kavenegar status {status}");

    /// <summary>"Invalid API key (403)": the form used in API errors, logs and operator tools.</summary>
    public static string Describe(int status) => string.Create(CultureInfo.InvariantCulture, $"{Reason(status)} ({status})");
}
