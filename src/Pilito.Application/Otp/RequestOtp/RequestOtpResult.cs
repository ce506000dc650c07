using Pilito.Domain.Phones;

namespace Pilito.Application.Otp.RequestOtp;

/// <param name="Code">Only when codes are revealed (local development); otherwise null.</param>
/// <param name="VerificationId">The handle that binds verification attempts to this request (docs/api.md).</param>
public sealed record RequestOtpResult(PhoneNumber Phone, TimeSpan ExpiresIn, string? Code, string VerificationId);
