using System.Collections.Frozen;
using System.Globalization;

namespace Pilito.Infrastructure.Sms.SmsIr;

/// <summary>
/// English reasons for sms.ir's API status codes (the "status" of its envelope), from the official table. Every code
/// of the table but <see cref="Ok"/> and <see cref="ServerError"/> is a refusal: no message id, nothing sent.
/// </summary>
public static class SmsIrStatusCodes
{
    public const int Ok = 1;

    /// <summary>"Your request met an error": the one refusal after which a message may still have gone out.</summary>
    public const int ServerError = 0;

    private static readonly FrozenDictionary<int, string> Reasons = new Dictionary<int, string>
    {
        [0] = "Server error",
        [1] = "Done",
        [10] = "Invalid API key",
        [11] = "API key disabled",
        [12] = "API key limited to other IP addresses",
        [13] = "Account inactive",
        [14] = "Account suspended",
        [15] = "Plan does not include the web service",
        [16] = "Invalid parameter value",
        [20] = "Too many requests",
        [101] = "Invalid line number",
        [102] = "Insufficient credit",
        [103] = "Empty text",
        [104] = "Invalid mobile number",
        [105] = "Too many mobile numbers",
        [106] = "Too many texts",
        [107] = "Mobile list empty",
        [108] = "Text list empty",
        [109] = "Invalid send time",
        [110] = "Mobile and text counts differ",
        [111] = "No message with this id",
        [112] = "Nothing to delete",
        [113] = "Template not found",
        [114] = "Parameter value over 25 characters",
        [115] = "Mobile number blacklisted",
        [116] = "Template parameter name not set",
        [117] = "Text not approved",
        [118] = "Too many messages",
        [119] = "Plan does not allow a custom template",
        [123] = "Sender line needs activation",
        [124] = "Only OTP templates allowed; this one is not recognised as OTP",
    }.ToFrozenDictionary();

    /// <summary>A refusal of the official table: its meaning is known and nothing was sent (every code but 0 and 1).</summary>
    public static bool IsRefusal(int status) => status is not (Ok or ServerError) && Reasons.ContainsKey(status);

    public static string Reason(int status) =>
        Reasons.TryGetValue(status, out var reason) ? reason : string.Create(CultureInfo.InvariantCulture, $"Unknown sms.ir status {status}");

    /// <summary>"Insufficient credit (102)": the form used in API errors, logs and operator tools.</summary>
    public static string Describe(int status) => string.Create(CultureInfo.InvariantCulture, $"{Reason(status)} ({status})");
}
