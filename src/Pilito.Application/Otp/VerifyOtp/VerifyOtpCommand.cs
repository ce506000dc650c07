using Mediator;

namespace Pilito.Application.Otp.VerifyOtp;

public sealed record VerifyOtpCommand(string? PhoneNumber, string? Code) : ICommand<VerifyOtpResult>;
