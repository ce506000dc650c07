using Pilito.Domain.Otp;

namespace Pilito.Application.Admin.ListOtpTokens;

/// <param name="DeliveryProvider">The provider that sent (or refused) the code: "Kavenegar", "SmsIr", "Log".</param>
/// <param name="DeliveryStatus">The provider's last known delivery code (Kavenegar: 10 delivered), if staff checked it.</param>
/// <param name="Code">The code itself, only while Otp:RevealCodes is on (Development) and this process sent it.</param>
public sealed record OtpTokenRow(
    long Id,
    string Phone,
    OtpStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    int FailedAttempts,
    string? DeliveryProvider,
    int? ProviderStatusCode,
    string? ProviderMessageId,
    int? DeliveryStatus,
    DateTimeOffset? VerifiedAt,
    string? Code);
