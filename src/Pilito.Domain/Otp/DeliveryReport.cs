namespace Pilito.Domain.Otp;

/// <summary>What the SMS provider said about one message.</summary>
/// <param name="Provider">Which provider handled it, e.g. "Kavenegar" or "Log".</param>
/// <param name="Accepted">Whether the provider took the message for delivery.</param>
/// <param name="ProviderMessageId">The provider's id for the message, kept to look up its delivery status.</param>
/// <param name="ProviderStatusCode">The provider's own status code (Kavenegar's return.status).</param>
/// <param name="ProviderError">A short English reason when not accepted.</param>
public sealed record DeliveryReport(
    string Provider,
    bool Accepted,
    string? ProviderMessageId,
    int? ProviderStatusCode,
    string? ProviderError);
