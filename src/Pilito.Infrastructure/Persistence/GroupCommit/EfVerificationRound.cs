using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>A verification on tracked entities of the write round's context (SQL Server).</summary>
internal sealed class EfVerificationRound(PilitoDbContext db, ILookupNormalizer normalizer, IdentityOptions identity)
    : VerificationRound(normalizer, identity)
{
    public override Task<int> CountFailuresSinceAsync(PhoneNumber phone, DateTimeOffset since, int max, CancellationToken cancellationToken) =>
        EfRoundQueries.RecentFailures(db, phone, since, max).CountAsync(cancellationToken);

    public override Task<OtpToken?> FindNewestTokenAsync(PhoneNumber phone, CancellationToken cancellationToken) =>
        EfRoundQueries.NewestToken(db, phone).FirstOrDefaultAsync(cancellationToken);

    public override void RecordFailure(PhoneNumber phone, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(phone);
        db.VerifyFailures.Add(new VerifyFailure { PhoneNumber = phone.E164, OccurredAt = at });
    }

    public override void AddRefreshToken(RefreshToken token) => db.RefreshTokens.Add(token);

    public override Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    protected override Task<PilitoUser?> FindUserAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalizedUserName, cancellationToken);

    protected override void AddUser(PilitoUser user) => db.Users.Add(user);

    protected override void SignedIn(PilitoUser user)
    {
        // tracked: saved with the rest
    }
}
