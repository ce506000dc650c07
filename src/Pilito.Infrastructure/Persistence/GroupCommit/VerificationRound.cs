using Microsoft.AspNetCore.Identity;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>
/// A verification inside a write round. The sign-in rules live here; each provider reads and writes the rows.
/// Identity's <see cref="UserManager{TUser}"/> is not used on this path: it saves after every step and queries the
/// user name again to validate it, which made a verification several times dearer. The round's transaction makes
/// the name's uniqueness check, and the unique index on the normalised name backs it.
/// </summary>
internal abstract class VerificationRound(ILookupNormalizer normalizer, IdentityOptions identity) : IVerificationRound
{
    public abstract Task<int> CountFailuresSinceAsync(PhoneNumber phone, DateTimeOffset since, int max, CancellationToken cancellationToken);

    public abstract Task<OtpToken?> FindNewestTokenAsync(PhoneNumber phone, CancellationToken cancellationToken);

    public abstract void RecordFailure(PhoneNumber phone, DateTimeOffset at);

    public abstract void AddRefreshToken(RefreshToken token);

    public async Task<UserSignIn> SignInAsync(PhoneNumber phone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var userName = normalizer.NormalizeName(phone.E164);
        var user = await FindUserAsync(userName, cancellationToken);
        if (user is null)
        {
            user = PilitoUser.ForPhone(phone.E164, userName, now, identity.Lockout.AllowedForNewUsers);
            user.RecordSignIn(now);
            AddUser(user);
            return new UserSignIn(user.ToAccount(now), IsNewUser: true);
        }

        if (!user.IsLockedAt(now))
        {
            user.RecordSignIn(now);
            SignedIn(user);
        }

        return new UserSignIn(user.ToAccount(now), IsNewUser: false);
    }

    /// <summary>Writes what the verification changed and added; the round's next write sees it.</summary>
    public abstract Task SaveAsync(CancellationToken cancellationToken);

    protected abstract Task<PilitoUser?> FindUserAsync(string normalizedUserName, CancellationToken cancellationToken);

    protected abstract void AddUser(PilitoUser user);

    /// <summary>The user's sign-in was recorded on <paramref name="user"/> (last sign-in, concurrency stamp).</summary>
    protected abstract void SignedIn(PilitoUser user);
}
