namespace Pilito.Application.Common.Errors;

/// <summary>Staff locked the account (admin → phone accounts); its sign-ins and tokens are refused.</summary>
public sealed class AccountLockedException() : PilitoException("This account is locked. Please contact support.");
