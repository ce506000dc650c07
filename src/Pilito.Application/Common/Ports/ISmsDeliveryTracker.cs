using Pilito.Domain.Otp;

namespace Pilito.Application.Common.Ports;

/// <summary>Asks the SMS provider what became of messages it accepted.</summary>
public interface ISmsDeliveryTracker
{
    /// <summary>How many message ids one call may ask about (Kavenegar: 500).</summary>
    int MaxBatch { get; }

    /// <summary>Whether messages of this provider (the token's DeliveryProvider) can be tracked here.</summary>
    bool Tracks(string provider);

    Task<DeliveryStatusAnswer> GetStatusAsync(string providerMessageId, CancellationToken cancellationToken);

    /// <summary>Up to <see cref="MaxBatch"/> messages in one call; an id the provider said nothing about is missing from the answer.</summary>
    Task<DeliveryStatusBatch> GetStatusesAsync(IReadOnlyList<string> providerMessageIds, CancellationToken cancellationToken);
}

/// <param name="Status">The provider's delivery code (Kavenegar: 10 delivered, 11 not delivered …); null when it did not answer.</param>
/// <param name="StatusText">Its meaning in English, or why there is no answer.</param>
/// <param name="Outcome">What the code means whatever the provider; null when it did not answer.</param>
public sealed record DeliveryStatusAnswer(int? Status, string StatusText, DeliveryOutcome? Outcome = null);

/// <param name="Answers">By message id.</param>
/// <param name="Failure">Why the provider gave no answers at all (the call failed); null when it answered.</param>
public sealed record DeliveryStatusBatch(IReadOnlyDictionary<string, DeliveryStatusAnswer> Answers, string? Failure);
