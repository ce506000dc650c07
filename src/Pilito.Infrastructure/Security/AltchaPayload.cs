using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;

namespace Pilito.Infrastructure.Security;

/// <summary>
/// The five members of an ALTCHA v1 solution, read from base64 of its JSON. Strict where altcha-lib is loose: the
/// number must be a JSON integer (not a string, a fraction or an exponent), the strings must be strings, and a
/// repeated member makes the whole payload unreadable. Members it does not know (the widget's <c>took</c>) are ignored.
/// </summary>
internal sealed record AltchaPayload(string Algorithm, string Challenge, long Number, string Salt, string Signature)
{
    /// <summary>False for anything that is not such a payload; never throws.</summary>
    public static bool TryRead(string? payload, int maxLength, JsonDocumentOptions json, [NotNullWhen(true)] out AltchaPayload? solution)
    {
        solution = null;
        if (string.IsNullOrEmpty(payload) || payload.Length > maxLength)
            return false;
        var bytes = new byte[payload.Length * 3 / 4];
        if (!Convert.TryFromBase64String(payload, bytes, out var length) || !Utf8.IsValid(bytes.AsSpan(0, length)))
            return false; // the JSON reader checks UTF-8 only in what it reads, and a payload is read whole or not at all

        try
        {
            using var document = JsonDocument.Parse(bytes.AsMemory(0, length), json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || Text(root, "algorithm") is not { } algorithm
                || Text(root, "challenge") is not { } challenge
                || Text(root, "salt") is not { Length: > 0 } salt
                || Text(root, "signature") is not { } signature
                || !root.TryGetProperty("number", out var number)
                || number.ValueKind != JsonValueKind.Number
                || !number.TryGetInt64(out var n)
                || n < 0)
            {
                return false;
            }

            solution = new AltchaPayload(algorithm, challenge, n, salt, signature);
            return true;
        }
        catch (JsonException)
        {
            return false; // not JSON, too deep, a repeated member
        }
        catch (InvalidOperationException)
        {
            return false; // a string JSON allows but UTF-16 does not (a lone surrogate escape)
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
