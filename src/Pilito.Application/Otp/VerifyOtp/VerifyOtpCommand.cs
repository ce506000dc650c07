using Mediator;

namespace Pilito.Application.Otp.VerifyOtp;

/// <param name="VerificationId">The handle the code request was answered with; null from old clients.</param>
/// <param name="ClientIp">The caller's address: failures are counted per client network.</param>
/// <param name="CreateUser">False: sign in only to an existing account, never create one; null or true: as Otp:AllowSignUp says.</param>
public sealed record VerifyOtpCommand(string? PhoneNumber, string? Code, string? VerificationId = null, string? ClientIp = null, bool? CreateUser = null)
    : ICommand<VerifyOtpResult>;
