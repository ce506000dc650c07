namespace Pilito.Application.Common.Errors;

/// <summary>Wrong, expired, used or unknown code: deliberately one answer for all of them.</summary>
public sealed class InvalidOtpException() : PilitoException("Invalid or expired OTP code.");
