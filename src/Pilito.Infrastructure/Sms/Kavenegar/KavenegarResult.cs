using System.Globalization;
using System.Text.Json;
using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Sms.Kavenegar;

/// <summary>One Kavenegar call as it went: its answer, or the fault that left it without one.</summary>
public sealed record KavenegarResult(string Method, KavenegarAnswer? Answer, SmsFailureKind? Fault, string? FaultReason, TimeSpan Duration)
{
    public bool IsOk => Answer is { IsOk: true };

    /// <summary>"Approved (200)", "Invalid API key (403)", or the fault's reason.</summary>
    public string Reason => Answer is { } answer ? KavenegarStatusCodes.Describe(answer.Status) : FaultReason ?? "no answer";

    public long? FirstEntryNumber(string property) =>
        Answer?.FirstEntry is { } entry && entry.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt64(out var number)
            ? number
            : Answer?.FirstEntry is { } e && e.TryGetProperty(property, out var text) && text.ValueKind == JsonValueKind.String
                && long.TryParse(text.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : null;

    public string? FirstEntryText(string property) =>
        Answer?.FirstEntry is { } entry && entry.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
