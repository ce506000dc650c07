namespace Pilito.Application.Common.Errors;

/// <summary>A phone change asked for the number the account already has: nothing to send, nothing to move.</summary>
public sealed class SamePhoneNumberException() : PilitoException("This is already your account's phone number.");
