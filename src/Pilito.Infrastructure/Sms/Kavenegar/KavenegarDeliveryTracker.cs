using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Sms.Kavenegar;

/// <summary>Reads a message's delivery status from sms/status.</summary>
internal sealed class KavenegarDeliveryTracker(KavenegarGateway gateway) : ISmsDeliveryTracker
{
    public bool Tracks(string provider) => provider == KavenegarSmsSender.ProviderName;

    public async Task<DeliveryStatusAnswer> GetStatusAsync(string providerMessageId, CancellationToken cancellationToken)
    {
        var result = await gateway.StatusAsync(providerMessageId, cancellationToken);
        if (!result.IsOk)
            return new DeliveryStatusAnswer(null, $"Kavenegar gave no status: {result.Reason}");
        return result.FirstEntryNumber("status") is { } status and >= int.MinValue and <= int.MaxValue
            ? new DeliveryStatusAnswer((int)status, KavenegarDeliveryCodes.Describe((int)status))
            : new DeliveryStatusAnswer(null, result.Answer!.UnexpectedShape("no whole-number status in entries[0]"));
    }
}
