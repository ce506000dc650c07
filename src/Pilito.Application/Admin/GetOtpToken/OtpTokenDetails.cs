using Pilito.Domain.Otp;

namespace Pilito.Application.Admin.GetOtpToken;

public sealed record OtpTokenDetails(
    long Id,
    string Phone,
    OtpStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    int FailedAttempts,
    int FailedAttemptsWithoutId,
    bool HasVerificationId,
    DateTimeOffset? VerifiedAt,
    DateTimeOffset? RevokedAt,
    string? ClientIp,
    OtpChannel Channel,
    string? DeliveryProvider,
    string? ProviderMessageId,
    int? ProviderStatusCode,
    string? ProviderError,
    DateTimeOffset? SentAt,
    int? DeliveryStatus,
    string? DeliveryStatusText,
    DateTimeOffset? DeliveryCheckedAt,
    DeliveryOutcome? DeliveryOutcome,
    string? Operator,
    long? ReplacesTokenId,
    int Version,
    string? Code)
{
    /// <summary>Whether the provider can be asked what became of the SMS (it gave a message id).</summary>
    public bool CanCheckDelivery => ProviderMessageId is not null;

    /// <summary>Whether staff can still invalidate it (the domain's rule: pending or sent).</summary>
    public bool CanInvalidate => Status is OtpStatus.Pending or OtpStatus.Sent;
}
