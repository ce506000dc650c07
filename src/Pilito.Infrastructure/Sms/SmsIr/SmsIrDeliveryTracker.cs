using System.Globalization;
using System.Text.Json;
using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Sms.SmsIr;

/// <summary>sms.ir's GET send/{messageId}: one message a call (it has no batch report for verify sends).</summary>
internal sealed class SmsIrDeliveryTracker(SmsIrClient client) : ISmsDeliveryTracker
{
    /// <summary>Messages asked about one after another and recorded in one write.</summary>
    public int MaxBatch => 20;

    public bool Tracks(string provider) => provider == SmsIrSmsSender.ProviderName;

    public async Task<DeliveryStatusAnswer> GetStatusAsync(string providerMessageId, CancellationToken cancellationToken) =>
        (await AskAsync(providerMessageId, cancellationToken)).Answer;

    /// <summary>Each id asked in turn; an id without a report yet, or whose call failed, is missing and asked again at the next run.</summary>
    public async Task<DeliveryStatusBatch> GetStatusesAsync(IReadOnlyList<string> providerMessageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(providerMessageIds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(providerMessageIds.Count, MaxBatch);
        var answers = new Dictionary<string, DeliveryStatusAnswer>();
        var failures = new List<string>();
        foreach (var id in providerMessageIds)
        {
            var (answer, failed) = await AskAsync(id, cancellationToken);
            if (failed)
                failures.Add(answer.StatusText);
            else if (answer.Status is not null)
                answers[id] = answer;
        }

        // The batch failed when every call did (the run then says so once); a message with no report yet is no failure.
        return new DeliveryStatusBatch(answers, failures.Count == providerMessageIds.Count && failures.Count > 0 ? failures[^1] : null);
    }

    private async Task<(DeliveryStatusAnswer Answer, bool Failed)> AskAsync(string messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        if (!long.TryParse(messageId, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            return (new DeliveryStatusAnswer(null, "sms.ir gave no status: the message id is not a number"), true);
        SmsIrAnswer answer;
        try
        {
            answer = await client.CallAsync("send/" + messageId, json: null, cancellationToken);
        }
        catch (SmsProviderCallException e)
        {
            return (new DeliveryStatusAnswer(null, $"sms.ir gave no status: {e.Message}"), true);
        }

        if (answer.Status == SmsIrDeliveryStates.NoSuchMessage)
            return (Answer(SmsIrDeliveryStates.NoSuchMessage), false);
        if (!answer.IsOk)
            return (new DeliveryStatusAnswer(null, $"sms.ir gave no status: {answer.Reason}"), true);
        if (answer.Data.ValueKind != JsonValueKind.Object || !answer.Data.TryGetProperty("deliveryState", out var state))
            return (new DeliveryStatusAnswer(null, "sms.ir gave no status: its report has no deliveryState"), true);
        return state.ValueKind switch
        {
            JsonValueKind.Number when state.TryGetInt32(out var code) => (Answer(code), false),
            JsonValueKind.Null => (new DeliveryStatusAnswer(null, "sms.ir has no delivery report yet"), false),
            _ => (new DeliveryStatusAnswer(null, "sms.ir gave no status: deliveryState is not a whole number"), true),
        };
    }

    private static DeliveryStatusAnswer Answer(int state) => new(state, SmsIrDeliveryStates.Describe(state), SmsIrDeliveryStates.Outcome(state));
}
