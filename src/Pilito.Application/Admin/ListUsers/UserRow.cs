namespace Pilito.Application.Admin.ListUsers;

public sealed record UserRow(Guid Id, string Phone, DateTimeOffset DateJoined, DateTimeOffset? LastLoginAt, bool IsLocked);
