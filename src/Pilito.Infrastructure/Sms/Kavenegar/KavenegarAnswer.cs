using System.Globalization;
using System.Text.Json;

namespace Pilito.Infrastructure.Sms.Kavenegar;

/// <summary>Kavenegar's envelope: {"return": {"status", "message"}, "entries": array | object | null}.</summary>
public sealed record KavenegarAnswer(int HttpStatus, int Status, string? Message, JsonElement Entries)
{
    public bool IsOk => Status == KavenegarStatusCodes.Ok;

    /// <summary>
    /// The first message entry: entries is an array for send and lookup, though one README shows an object. Null
    /// unless it is an object, so that readers never call TryGetProperty on a number or a string (which throws).
    /// </summary>
    public JsonElement? FirstEntry => Entries.ValueKind switch
    {
        JsonValueKind.Array when Entries.GetArrayLength() > 0 && Entries[0].ValueKind == JsonValueKind.Object => Entries[0],
        JsonValueKind.Object => Entries,
        _ => null,
    };

    /// <summary>The first entry's messageid when it is a positive whole number (or its digits as text); else null.</summary>
    public string? FirstMessageId => FirstEntry is { } entry ? MessageIdOf(entry) : null;

    /// <summary>An entry object's messageid when it is a positive whole number (or its digits as text); else null.</summary>
    public static string? MessageIdOf(JsonElement entry) => entry.TryGetProperty("messageid", out var id)
        ? id.ValueKind switch
        {
            JsonValueKind.Number when id.TryGetInt64(out var n) && n > 0 => n.ToString(CultureInfo.InvariantCulture),
            JsonValueKind.String when long.TryParse(id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                => n.ToString(CultureInfo.InvariantCulture),
            _ => null,
        }
        : null;

    /// <summary>Why an approved send or lookup answer is not the documented shape, or null when it is.</summary>
    public string? SendShapeProblem => Entries.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => "no entries",
        JsonValueKind.Array when Entries.GetArrayLength() == 0 => "empty entries",
        JsonValueKind.Array or JsonValueKind.Object when FirstEntry is null => "entries[0] is not an object",
        JsonValueKind.Array or JsonValueKind.Object when FirstMessageId is null => "messageid is not a positive whole number",
        JsonValueKind.Array or JsonValueKind.Object => null,
        _ => "entries is not a list",
    };

    /// <summary>"Kavenegar answered HTTP 200 with an answer of an unexpected shape (no entries)": never echoes the body.</summary>
    public string UnexpectedShape(string problem) =>
        string.Create(CultureInfo.InvariantCulture, $"Kavenegar answered HTTP {HttpStatus} with an answer of an unexpected shape ({problem})");

    /// <summary>Parses the body whatever the HTTP status: return.status decides. Null when it is not the envelope.</summary>
    public static KavenegarAnswer? TryParse(int httpStatus, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("return", out var envelope)
                || envelope.ValueKind != JsonValueKind.Object
                || !envelope.TryGetProperty("status", out var status)
                || status.ValueKind != JsonValueKind.Number // "200" as text: TryGetInt32 would throw
                || !status.TryGetInt32(out var code))
                return null;

            var message = envelope.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var entries = root.TryGetProperty("entries", out var e) ? e.Clone() : default;
            return new KavenegarAnswer(httpStatus, code, message, entries);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
