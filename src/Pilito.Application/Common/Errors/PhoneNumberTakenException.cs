namespace Pilito.Application.Common.Errors;

/// <summary>
/// A phone change whose code was right, to a number another account holds: nothing was moved. Said only after the
/// code proved the caller holds the number, so it reveals nothing the caller could not learn by signing in with it.
/// </summary>
public sealed class PhoneNumberTakenException() : PilitoException("This phone number belongs to another account.");
