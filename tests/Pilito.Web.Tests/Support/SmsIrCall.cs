using System.Text.Json;

namespace Pilito.Web.Tests.Support;

/// <summary>One request the sms.ir stand-in received: its key, path ("send/verify", "credit") and JSON body, if any.</summary>
public sealed record SmsIrCall(string? ApiKey, string Path, JsonElement? Body)
{
    public string? Mobile => Text("mobile");

    public long? TemplateId => Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("templateId", out var id)
        && id.TryGetInt64(out var number) ? number : null;

    /// <summary>The verify parameters by name.</summary>
    public IReadOnlyDictionary<string, string?> Parameters =>
        Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("parameters", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("value").GetString())
            : new Dictionary<string, string?>();

    private string? Text(string name) =>
        Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
