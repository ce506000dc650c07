namespace Pilito.Application.Common.Errors;

public sealed class OtpLockedException() : PilitoException("Too many failed attempts. Please request a new code.");
