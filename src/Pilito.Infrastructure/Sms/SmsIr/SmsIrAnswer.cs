using System.Text.Json;

namespace Pilito.Infrastructure.Sms.SmsIr;

/// <summary>
/// sms.ir's envelope, on success and failure alike: {"status": 1, "message": "موفق", "data": …}. Property names are
/// read without regard to case (the official clients disagree on it).
/// </summary>
public sealed record SmsIrAnswer(int HttpStatus, int Status, string? Message, JsonElement Data)
{
    public bool IsOk => Status == SmsIrStatusCodes.Ok && HttpStatus is >= 200 and < 300;

    /// <summary>"Done (1)", "Insufficient credit (102)", or what is odd about a status 1 with an error HTTP status.</summary>
    public string Reason => Status == SmsIrStatusCodes.Ok && !IsOk
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"sms.ir answered HTTP {HttpStatus} with status 1")
        : SmsIrStatusCodes.Describe(Status);

    /// <summary>Null when the body is not the envelope: not JSON, no integer "status".</summary>
    public static SmsIrAnswer? TryParse(int httpStatus, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return null;
            JsonElement? status = null, message = null, data = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.Equals("status", StringComparison.OrdinalIgnoreCase))
                    status = property.Value;
                else if (property.Name.Equals("message", StringComparison.OrdinalIgnoreCase))
                    message = property.Value;
                else if (property.Name.Equals("data", StringComparison.OrdinalIgnoreCase))
                    data = property.Value;
            }

            if (status is not { ValueKind: JsonValueKind.Number } code || !code.TryGetInt32(out var number))
                return null;
            return new SmsIrAnswer(httpStatus, number, message is { ValueKind: JsonValueKind.String } m ? m.GetString() : null, data?.Clone() ?? default);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A whole-number property of the data object (send/verify's messageId), or null when absent or not one.</summary>
    public long? DataNumber(string name) =>
        Property(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    /// <summary>A decimal data figure: the data itself (credit) or one of its properties.</summary>
    public decimal? DataDecimal(string? name = null) =>
        (name is null ? Data : Property(name)) is { ValueKind: JsonValueKind.Number } value && value.TryGetDecimal(out var number) ? number : null;

    private JsonElement? Property(string name)
    {
        if (Data.ValueKind != JsonValueKind.Object)
            return null;
        foreach (var property in Data.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                return property.Value;
        }

        return null;
    }
}
