using System.Globalization;
using System.Text.Json;

namespace Pilito.Infrastructure.Sms.Kavenegar;

/// <summary>Kavenegar's envelope: {"return": {"status", "message"}, "entries": array | object | null}.</summary>
public sealed record KavenegarAnswer(int HttpStatus, int Status, string? Message, JsonElement Entries)
{
    public bool IsOk => Status == KavenegarStatusCodes.Ok;

    /// <summary>The first message entry: entries is an array for send and lookup, though one README shows an object.</summary>
    public JsonElement? FirstEntry => Entries.ValueKind switch
    {
        JsonValueKind.Array when Entries.GetArrayLength() > 0 => Entries[0],
        JsonValueKind.Object => Entries,
        _ => null,
    };

    public string? FirstMessageId => FirstEntry is { } entry && entry.TryGetProperty("messageid", out var id)
        ? id.ValueKind switch
        {
            JsonValueKind.Number => id.GetInt64().ToString(CultureInfo.InvariantCulture),
            JsonValueKind.String => id.GetString(),
            _ => null,
        }
        : null;

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
