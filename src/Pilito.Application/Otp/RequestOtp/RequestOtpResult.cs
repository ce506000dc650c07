using Pilito.Domain.Phones;

namespace Pilito.Application.Otp.RequestOtp;

/// <param name="Code">Only when codes are revealed (local development); otherwise null.</param>
public sealed record RequestOtpResult(PhoneNumber Phone, TimeSpan ExpiresIn, string? Code);
