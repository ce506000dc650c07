using Pilito.Domain.Phones;

namespace Pilito.Domain.Otp;

/// <summary>
/// Every stored field of an <see cref="OtpToken"/>, for storage code that reads rows without an ORM
/// (<see cref="OtpToken.Restore"/>). Nothing here is checked again: it was checked when the token was made.
/// </summary>
public sealed record StoredOtpToken
{
    public required long Id { get; init; }
    public required PhoneNumber Phone { get; init; }
    public required byte[] CodeHash { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public required OtpStatus Status { get; init; }
    public required int FailedAttempts { get; init; }
    public int FailedAttemptsWithoutId { get; init; }
    public string? VerificationId { get; init; }
    public DateTimeOffset? VerifiedAt { get; init; }
    public string? ClientIp { get; init; }
    public OtpChannel Channel { get; init; }
    public string? DeliveryProvider { get; init; }
    public string? ProviderMessageId { get; init; }
    public int? ProviderStatusCode { get; init; }
    public string? ProviderError { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public int? DeliveryStatus { get; init; }
    public string? DeliveryStatusText { get; init; }
    public DateTimeOffset? DeliveryCheckedAt { get; init; }
    public DeliveryOutcome? DeliveryOutcome { get; init; }
    public string? Operator { get; init; }
    public long? ReplacesTokenId { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public Guid? PhoneChangeAccountId { get; init; }
    public required int Version { get; init; }
}
