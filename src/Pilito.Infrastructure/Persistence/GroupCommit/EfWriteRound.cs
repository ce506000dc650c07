using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>A write round on tracked entities: the domain's own methods change them; one SaveChanges writes all.</summary>
internal sealed class EfWriteRound(PilitoDbContext db, IServiceProvider scope) : WriteRound
{
    protected override VerificationRound BeginVerification() => new EfVerificationRound(db,
        scope.GetRequiredService<ILookupNormalizer>(),
        scope.GetRequiredService<IOptions<IdentityOptions>>().Value);

    public override Task<List<DateTimeOffset>> CreationTimesAsync(PhoneNumber phone, DateTimeOffset windowStart, CancellationToken cancellationToken) =>
        EfRoundQueries.CreationTimes(db, phone, windowStart).ToListAsync(cancellationToken);

    public override async Task<Func<long>> IssueAsync(OtpToken token, CancellationToken cancellationToken)
    {
        var usable = await EfRoundQueries.UsableTokens(db, token.Phone).ToListAsync(cancellationToken);
        foreach (var earlier in usable)
            earlier.Supersede();
        var stored = OtpToken.Issue(token.Phone, token.CodeHash, token.CreatedAt, token.ExpiresAt - token.CreatedAt, token.ClientIp);
        db.OtpTokens.Add(stored);
        return () => stored.Id;
    }

    public override async Task<bool> RecordDeliveryAsync(long tokenId, DeliveryReport report, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var token = await db.OtpTokens.FirstOrDefaultAsync(t => t.Id == tokenId, cancellationToken);
        token?.RecordDelivery(report, at);
        return token is not null;
    }

    protected override async Task<Dictionary<DateTimeOffset, int>> LoadSendCountsAsync(string scope, string key, DateTimeOffset fromMinute, CancellationToken cancellationToken)
    {
        var minutes = await EfRoundQueries.SendCounts(db, scope, key, fromMinute).ToListAsync(cancellationToken);
        return minutes.ToDictionary(m => m.MinuteStart, m => m.Count);
    }

    protected override async Task SaveAsync(IEnumerable<SendCountWindow> sendCounts, CancellationToken cancellationToken)
    {
        foreach (var window in sendCounts)
        {
            foreach (var (minute, added) in window.Added)
            {
                var row = await db.OtpSendCounts.FindAsync([window.Scope, window.Key, minute], cancellationToken);
                if (row is null)
                    db.OtpSendCounts.Add(new OtpSendCount { Scope = window.Scope, Key = window.Key, MinuteStart = minute, Count = added });
                else
                    row.Count += added;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
