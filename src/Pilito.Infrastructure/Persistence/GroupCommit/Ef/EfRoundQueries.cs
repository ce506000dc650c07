using Microsoft.EntityFrameworkCore;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Ef;

/// <summary>
/// The reads of an EF write round (SQL Server's path), in one place so that their SQL can be checked on the SQL
/// Server provider without a server (<c>ToQueryString</c>): each must hit an index and take its range locks
/// under the round's serializable transaction.
/// </summary>
internal static class EfRoundQueries
{
    public static IQueryable<DateTimeOffset> CreationTimes(PilitoDbContext db, PhoneNumber phone, DateTimeOffset windowStart) =>
        db.OtpTokens.AsNoTracking()
            .Where(t => t.Phone == phone && t.CreatedAt > windowStart)
            .OrderBy(t => t.CreatedAt)
            .Select(t => t.CreatedAt);

    /// <summary>Tracked: the round supersedes them.</summary>
    public static IQueryable<OtpToken> UsableTokens(PilitoDbContext db, PhoneNumber phone) =>
        db.OtpTokens.Where(t => t.Phone == phone && OtpToken.UsableStatuses.Contains(t.Status));

    /// <summary>Tracked: the round adds to these rows.</summary>
    public static IQueryable<LimitCount> Counts(PilitoDbContext db, string scope, string key, DateTimeOffset fromMinute) =>
        db.LimitCounts.Where(c => c.Scope == scope && c.Key == key && c.MinuteStart >= fromMinute);

    /// <summary>
    /// Tracked: every token of a round's phones, at once, for <see cref="PhoneReadAhead"/>, on the (PhoneNumber,
    /// CreatedAt) index. All of them, not the recent and the usable ones: with a condition on the status besides the
    /// phones, PostgreSQL may read the status index, every usable token of every phone.
    /// </summary>
    public static IQueryable<OtpToken> TokensOfPhones(PilitoDbContext db, IReadOnlyCollection<PhoneNumber> phones) =>
        db.OtpTokens.Where(t => phones.Contains(t.Phone));

    public static IQueryable<OtpToken> NewestToken(PilitoDbContext db, PhoneNumber phone) =>
        db.OtpTokens
            .Where(t => t.Phone == phone)
            .OrderByDescending(t => t.CreatedAt)
            .ThenByDescending(t => t.Id)
            .Take(1);

    /// <summary>On the phone's tokens, (PhoneNumber, CreatedAt): a handle names its phone too.</summary>
    public static IQueryable<OtpToken> TokenByVerificationId(PilitoDbContext db, PhoneNumber phone, string verificationId) =>
        db.OtpTokens.Where(t => t.Phone == phone && t.VerificationId == verificationId)
            .OrderByDescending(t => t.CreatedAt)
            .ThenByDescending(t => t.Id)
            .Take(1);

    public static IQueryable<OtpToken> TokenById(PilitoDbContext db, long id) => db.OtpTokens.Where(t => t.Id == id);

    /// <summary>Tracked: a rotation spends it.</summary>
    public static IQueryable<RefreshToken> RefreshTokenByHash(PilitoDbContext db, byte[] tokenHash) =>
        db.RefreshTokens.Where(t => t.TokenHash == tokenHash);

    /// <summary>Tracked: reuse revokes them.</summary>
    public static IQueryable<RefreshToken> RefreshFamily(PilitoDbContext db, Guid familyId) =>
        db.RefreshTokens.Where(t => t.FamilyId == familyId);

    /// <summary>Tracked: signing out everywhere, or a lock, revokes them. On the foreign key's index (UserId).</summary>
    public static IQueryable<RefreshToken> UnrevokedRefreshTokens(PilitoDbContext db, Guid userId) =>
        db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null);

    public static IQueryable<PilitoUser> UserByName(PilitoDbContext db, string normalizedUserName) =>
        db.Users.Where(u => u.NormalizedUserName == normalizedUserName);

    /// <summary>Tracked: a round's phones' accounts, all at once, for <see cref="PhoneReadAhead"/>.</summary>
    public static IQueryable<PilitoUser> UsersByName(PilitoDbContext db, IReadOnlyCollection<string> normalizedUserNames) =>
        db.Users.Where(u => normalizedUserNames.Contains(u.NormalizedUserName!));

    public static IQueryable<PilitoUser> UserById(PilitoDbContext db, Guid id) => db.Users.Where(u => u.Id == id);
}
