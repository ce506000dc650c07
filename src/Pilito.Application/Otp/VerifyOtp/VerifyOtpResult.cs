using Pilito.Application.Auth.Sessions;

namespace Pilito.Application.Otp.VerifyOtp;

public sealed record VerifyOtpResult(Session Session, bool IsNewUser);
