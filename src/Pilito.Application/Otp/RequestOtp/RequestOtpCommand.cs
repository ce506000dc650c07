using Mediator;

namespace Pilito.Application.Otp.RequestOtp;

/// <param name="PhoneNumber">As the client typed it; normalized by the handler.</param>
/// <param name="ClientIp">The caller's address, kept on the token for support and abuse checks.</param>
public sealed record RequestOtpCommand(string? PhoneNumber, string? ClientIp) : ICommand<RequestOtpResult>;
