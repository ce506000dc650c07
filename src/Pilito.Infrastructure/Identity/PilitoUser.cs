using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Identity;

/// <summary>An account. Phone accounts use the E.164 number as user name; staff accounts (admin) use email.</summary>
public sealed class PilitoUser : IdentityUser<Guid>
{
    public DateTimeOffset DateJoined { get; set; }
    public DateTimeOffset? LastLoginAt { get; set; }

    /// <summary>
    /// A phone's account as Identity's user manager would create it (confirmed phone, fresh security stamp,
    /// lockout as configured for new users), for the verification that creates it in its own transaction.
    /// </summary>
    public static PilitoUser ForPhone(string e164, string normalizedUserName, DateTimeOffset now, bool lockoutEnabled) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserName = e164,
        NormalizedUserName = normalizedUserName,
        PhoneNumber = e164,
        PhoneNumberConfirmed = true,
        SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
        LockoutEnabled = lockoutEnabled,
        DateJoined = now,
    };

    /// <summary>Staff locked the account: it may not sign in or use its tokens.</summary>
    public bool IsLockedAt(DateTimeOffset now) => LockoutEnd is { } end && end > now;

    /// <summary>Records a sign-in; a new concurrency stamp, as Identity's store gives every update.</summary>
    public void RecordSignIn(DateTimeOffset now)
    {
        LastLoginAt = now;
        ConcurrencyStamp = Guid.NewGuid().ToString();
    }

    /// <summary>
    /// Moves a phone account to another number, as Identity's user manager would on a user name and phone change: the
    /// new name and confirmed phone, a new security stamp (anything bound to the old one stops working) and a new
    /// concurrency stamp. The old number's name is free from the commit on.
    /// </summary>
    public void MoveToPhone(string e164, string normalizedUserName)
    {
        UserName = e164;
        NormalizedUserName = normalizedUserName;
        PhoneNumber = e164;
        PhoneNumberConfirmed = true;
        SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        ConcurrencyStamp = Guid.NewGuid().ToString();
    }

    public UserAccount ToAccount(DateTimeOffset now) => new(Id, PhoneNumber ?? string.Empty, DateJoined, IsLockedAt(now));
}
