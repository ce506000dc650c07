using Mediator;

namespace Pilito.Application.Otp.VerifyOtp;

/// <param name="VerificationId">The handle the code request was answered with; null from old clients.</param>
/// <param name="ClientIp">The caller's address: failures are counted per client network.</param>
public sealed record VerifyOtpCommand(string? PhoneNumber, string? Code, string? VerificationId = null, string? ClientIp = null)
    : ICommand<VerifyOtpResult>;
