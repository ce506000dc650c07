namespace Pilito.Application.Common.Ports;

public sealed record UserAccount(Guid Id, string PhoneNumber, DateTimeOffset DateJoined);

public sealed record UserSignIn(UserAccount User, bool IsNewUser);
