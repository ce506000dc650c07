using Microsoft.AspNetCore.Identity;

namespace Pilito.Infrastructure.Identity;

/// <summary>An account. Phone accounts use the E.164 number as user name; staff accounts (admin) use email.</summary>
public sealed class PilitoUser : IdentityUser<Guid>
{
    public DateTimeOffset DateJoined { get; set; }
    public DateTimeOffset? LastLoginAt { get; set; }
}
