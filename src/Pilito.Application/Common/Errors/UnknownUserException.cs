namespace Pilito.Application.Common.Errors;

/// <summary>The authenticated user no longer exists.</summary>
public sealed class UnknownUserException() : PilitoException("User not found.");
