using System.Globalization;
using System.Text.Json.Serialization;

namespace Pilito.Infrastructure.Sms.SmsIr;

/// <summary>send/verify's body: {"mobile", "templateId", "parameters": [{"name", "value"}]}.</summary>
public sealed record SmsIrVerifyRequest(
    [property: JsonPropertyName("mobile")] string Mobile,
    [property: JsonPropertyName("templateId")] int TemplateId,
    [property: JsonPropertyName("parameters")] IReadOnlyList<SmsIrVerifyParameter> Parameters)
{
    public const string Path = "send/verify";

    /// <summary>The code in <see cref="SmsIrOptions.CodeParameter"/>, and the minutes it stays valid in <see cref="SmsIrOptions.LifetimeParameter"/> when set.</summary>
    public static SmsIrVerifyRequest For(SmsIrOptions settings, string nationalMobile, string code, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var parameters = new List<SmsIrVerifyParameter> { new(settings.CodeParameter, code) };
        if (settings.LifetimeParameter is { Length: > 0 } minutes)
            parameters.Add(new(minutes, ((int)Math.Ceiling(lifetime.TotalMinutes)).ToString(CultureInfo.InvariantCulture)));
        return new SmsIrVerifyRequest(nationalMobile, settings.TemplateId ?? 0, parameters);
    }
}

public sealed record SmsIrVerifyParameter(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value);
