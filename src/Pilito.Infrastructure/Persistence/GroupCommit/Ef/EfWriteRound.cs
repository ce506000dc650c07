using Microsoft.EntityFrameworkCore;
using Pilito.Application.Common.Writes;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Ef;

/// <summary>A round on tracked entities of one context: each write's changes are saved by SaveChanges when its work returns.</summary>
internal sealed class EfWriteRound(PilitoDbContext db, PhoneAccounts accounts) : WriteRound(accounts)
{
    public override Task<OtpToken?> FindTokenAsync(long id, CancellationToken cancellationToken) =>
        EfRoundQueries.TokenById(db, id).FirstOrDefaultAsync(cancellationToken);

    public override Task<OtpToken?> FindNewestTokenAsync(PhoneNumber phone, CancellationToken cancellationToken) =>
        EfRoundQueries.NewestToken(db, phone).FirstOrDefaultAsync(cancellationToken);

    public override Task<OtpToken?> FindTokenByVerificationIdAsync(PhoneNumber phone, string verificationId, CancellationToken cancellationToken) =>
        EfRoundQueries.TokenByVerificationId(db, phone, verificationId).FirstOrDefaultAsync(cancellationToken);

    public override async Task<IReadOnlyList<OtpToken>> FindUsableTokensAsync(PhoneNumber phone, CancellationToken cancellationToken) =>
        await EfRoundQueries.UsableTokens(db, phone).ToListAsync(cancellationToken);

    public override async Task<IReadOnlyList<DateTimeOffset>> FindCreationTimesAsync(PhoneNumber phone, DateTimeOffset since, CancellationToken cancellationToken) =>
        await EfRoundQueries.CreationTimes(db, phone, since).ToListAsync(cancellationToken);

    public override void Add(OtpToken token) => db.OtpTokens.Add(token);

    public override Task<RefreshToken?> FindRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        EfRoundQueries.RefreshTokenByHash(db, tokenHash).FirstOrDefaultAsync(cancellationToken);

    public override async Task<IReadOnlyList<RefreshToken>> FindRefreshFamilyAsync(Guid familyId, CancellationToken cancellationToken) =>
        await EfRoundQueries.RefreshFamily(db, familyId).ToListAsync(cancellationToken);

    public override async Task<IReadOnlyList<RefreshToken>> FindUnrevokedRefreshTokensAsync(Guid userId, CancellationToken cancellationToken) =>
        await EfRoundQueries.UnrevokedRefreshTokens(db, userId).ToListAsync(cancellationToken);

    public override void Add(RefreshToken token) => db.RefreshTokens.Add(token);

    protected override Task SaveWriteAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    protected override async Task<Dictionary<DateTimeOffset, int>> LoadCountsAsync(CountScope scope, DateTimeOffset fromMinute, CancellationToken cancellationToken)
    {
        var minutes = await EfRoundQueries.Counts(db, scope.Name, scope.Key, fromMinute).ToListAsync(cancellationToken);
        return minutes.ToDictionary(m => m.MinuteStart, m => m.Count);
    }

    protected override async Task SaveCountsAsync(IEnumerable<CountWindow> windows, CancellationToken cancellationToken)
    {
        foreach (var window in windows)
        {
            foreach (var (minute, added) in window.Added)
            {
                var row = await db.LimitCounts.FindAsync([window.Scope.Name, window.Scope.Key, minute], cancellationToken);
                if (row is null)
                    db.LimitCounts.Add(new LimitCount { Scope = window.Scope.Name, Key = window.Scope.Key, MinuteStart = minute, Count = added });
                else
                    row.Count += added;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    protected override Task<PilitoUser?> FindUserAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        EfRoundQueries.UserByName(db, normalizedUserName).FirstOrDefaultAsync(cancellationToken);

    protected override Task<PilitoUser?> FindUserAsync(Guid id, CancellationToken cancellationToken) =>
        EfRoundQueries.UserById(db, id).FirstOrDefaultAsync(cancellationToken);

    protected override void AddUser(PilitoUser user) => db.Users.Add(user);

    protected override void SignedIn(PilitoUser user)
    {
        // tracked: saved with the rest of the write
    }
}
