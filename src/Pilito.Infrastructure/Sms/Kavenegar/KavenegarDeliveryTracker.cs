using System.Text.Json;
using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Sms.Kavenegar;

/// <summary>Kavenegar's sms/status: up to 500 comma-separated message ids a call, an entry per id.</summary>
internal sealed class KavenegarDeliveryTracker(KavenegarGateway gateway) : ISmsDeliveryTracker
{
    public int MaxBatch => 500;

    public bool Tracks(string provider) => provider == KavenegarSmsSender.ProviderName;

    public async Task<DeliveryStatusAnswer> GetStatusAsync(string providerMessageId, CancellationToken cancellationToken)
    {
        var result = await gateway.StatusAsync(providerMessageId, cancellationToken);
        if (!result.IsOk)
            return new DeliveryStatusAnswer(null, $"Kavenegar gave no status: {result.Reason}");
        return result.FirstEntryNumber("status") is { } status and >= int.MinValue and <= int.MaxValue
            ? Answer((int)status)
            : new DeliveryStatusAnswer(null, result.Answer!.UnexpectedShape("no whole-number status in entries[0]"));
    }

    public async Task<DeliveryStatusBatch> GetStatusesAsync(IReadOnlyList<string> providerMessageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(providerMessageIds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(providerMessageIds.Count, MaxBatch);
        var result = await gateway.StatusAsync(string.Join(',', providerMessageIds), cancellationToken);
        if (!result.IsOk)
            return new DeliveryStatusBatch(new Dictionary<string, DeliveryStatusAnswer>(), $"Kavenegar gave no status: {result.Reason}");
        var entries = result.Answer!.Entries;
        if (entries.ValueKind != JsonValueKind.Array)
            return new DeliveryStatusBatch(new Dictionary<string, DeliveryStatusAnswer>(), result.Answer.UnexpectedShape("entries is not a list"));

        // An entry of another shape is skipped: its message is asked about again at the next run.
        var answers = new Dictionary<string, DeliveryStatusAnswer>();
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.Object && KavenegarAnswer.MessageIdOf(entry) is { } id
                && entry.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number && status.TryGetInt32(out var code))
                answers[id] = Answer(code);
        }

        return new DeliveryStatusBatch(answers, null);
    }

    private static DeliveryStatusAnswer Answer(int status) =>
        new(status, KavenegarDeliveryCodes.Describe(status), KavenegarDeliveryCodes.Outcome(status));
}
