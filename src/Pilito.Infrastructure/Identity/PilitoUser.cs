using Microsoft.AspNetCore.Identity;
using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Identity;

/// <summary>An account. Phone accounts use the E.164 number as user name; staff accounts (admin) use email.</summary>
public sealed class PilitoUser : IdentityUser<Guid>
{
    public DateTimeOffset DateJoined { get; set; }
    public DateTimeOffset? LastLoginAt { get; set; }

    /// <summary>Staff locked the account: it may not sign in or use its tokens.</summary>
    public bool IsLockedAt(DateTimeOffset now) => LockoutEnd is { } end && end > now;

    public UserAccount ToAccount(DateTimeOffset now) => new(Id, PhoneNumber ?? string.Empty, DateJoined, IsLockedAt(now));
}
