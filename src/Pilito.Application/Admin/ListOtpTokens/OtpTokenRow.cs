using Pilito.Domain.Otp;

namespace Pilito.Application.Admin.ListOtpTokens;

/// <param name="Code">The code itself, only while Otp:RevealCodes is on (Development) and this process sent it.</param>
public sealed record OtpTokenRow(
    long Id,
    string Phone,
    OtpStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    int FailedAttempts,
    int? ProviderStatusCode,
    string? ProviderMessageId,
    DateTimeOffset? VerifiedAt,
    string? Code);
