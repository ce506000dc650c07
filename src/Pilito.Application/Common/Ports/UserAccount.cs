namespace Pilito.Application.Common.Ports;

/// <param name="IsLocked">Staff locked the account: it may not sign in or use its tokens.</param>
public sealed record UserAccount(Guid Id, string PhoneNumber, DateTimeOffset DateJoined, bool IsLocked = false);

public sealed record UserSignIn(UserAccount User, bool IsNewUser);
