namespace Pilito.Application.Common.Ports;

/// <summary>Asks the SMS provider what became of a message it accepted.</summary>
public interface ISmsDeliveryTracker
{
    /// <summary>Whether messages of this provider (the token's DeliveryProvider) can be tracked here.</summary>
    bool Tracks(string provider);

    Task<DeliveryStatusAnswer> GetStatusAsync(string providerMessageId, CancellationToken cancellationToken);
}

/// <param name="Status">The provider's delivery code (Kavenegar: 10 delivered, 11 not delivered …); null when it did not answer.</param>
/// <param name="StatusText">Its meaning in English, or why there is no answer.</param>
public sealed record DeliveryStatusAnswer(int? Status, string StatusText);
