namespace Pilito.Application.Common.Errors;

/// <summary>A correct code for a phone with no account, where sign-up is off (Otp:AllowSignUp, or "create_user": false).</summary>
public sealed class NoAccountException() : PilitoException("No account for this phone number.");
