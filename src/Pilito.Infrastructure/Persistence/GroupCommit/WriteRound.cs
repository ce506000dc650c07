using Microsoft.EntityFrameworkCore;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>What the writes of one round share: the context of its transaction and what they have read or added.</summary>
internal sealed class WriteRound(PilitoDbContext db)
{
    private readonly Dictionary<(string Scope, string Key), SendCountWindow> _sendCounts = [];
    private readonly HashSet<PhoneNumber> _phonesIssued = [];

    public PilitoDbContext Db => db;

    /// <summary>
    /// Claims the phone for a new code in this round. A second code for the same phone waits for the next round:
    /// it must see (and supersede) the first one in the database, not an unsaved copy.
    /// </summary>
    public bool TryClaimPhone(PhoneNumber phone) => _phonesIssued.Add(phone);

    /// <summary>The minute counts of one scope that the window starting at <paramref name="windowStart"/> can see.</summary>
    public async Task<SendCountWindow> SendCountsAsync(string scope, string key, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        if (_sendCounts.TryGetValue((scope, key), out var window))
            return window;

        var from = SendCountWindow.FirstMinuteOf(windowStart);
        var minutes = await db.OtpSendCounts
            .Where(c => c.Scope == scope && c.Key == key && c.MinuteStart >= from)
            .ToListAsync(cancellationToken);
        window = new SendCountWindow(db, scope, key, minutes);
        _sendCounts.Add((scope, key), window);
        return window;
    }

    /// <summary>The phone's codes created after <paramref name="windowStart"/> and its codes that can still be used, tracked.</summary>
    public Task<List<OtpToken>> RecentOrUnusedTokensAsync(PhoneNumber phone, DateTimeOffset windowStart, CancellationToken cancellationToken) =>
        db.OtpTokens
            .Where(t => t.Phone == phone && (t.CreatedAt > windowStart || t.Status == OtpStatus.Pending || t.Status == OtpStatus.Sent))
            .ToListAsync(cancellationToken);
}
