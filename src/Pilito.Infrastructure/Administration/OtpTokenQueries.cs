using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Pilito.Application.Admin.Common;
using Pilito.Application.Admin.GetDashboard;
using Pilito.Application.Admin.GetOtpToken;
using Pilito.Application.Admin.ListOtpTokens;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Infrastructure.Persistence;

namespace Pilito.Infrastructure.Administration;

internal sealed class OtpTokenQueries(PilitoDbContext db, RevealedCodeBook revealed) : IOtpTokenQueries
{
    public async Task<Page<OtpTokenRow>> ListAsync(OtpTokenFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var tokens = db.OtpTokens.AsNoTracking();
        if (filter.Phone is { } phone)
            tokens = tokens.Where(t => t.Phone == phone);
        if (filter.Status is { } status)
            tokens = tokens.Where(t => t.Status == status);
        if (filter.CreatedFrom is { } from)
            tokens = tokens.Where(t => t.CreatedAt >= from);
        if (filter.CreatedBefore is { } before)
            tokens = tokens.Where(t => t.CreatedAt < before);

        var page = filter.Sort switch
        {
            OtpTokenSort.Expires => await PageByInstantAsync(tokens, t => t.ExpiresAt, r => r.ExpiresAt, filter, cancellationToken),
            OtpTokenSort.Attempts => await Keyset.PageAsync(tokens, t => t.FailedAttempts, t => t.Id,
                c => ((int)c.Key, ParseId(c)), Row, r => Cursor(r.FailedAttempts, r.Id), filter.Ascending, filter.Page,
                q => q.ToListAsync(cancellationToken)),
            _ => await PageByInstantAsync(tokens, t => t.CreatedAt, r => r.CreatedAt, filter, cancellationToken),
        };
        return new Page<OtpTokenRow>([.. page.Items.Select(ToRow)], page.Next, page.Previous);
    }

    public async Task<OtpTokenDetails?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var token = await db.OtpTokens.AsNoTracking().Where(t => t.Id == id).Select(t => new
        {
            t.Id, t.Phone, t.Status, t.CreatedAt, t.ExpiresAt, t.FailedAttempts, t.FailedAttemptsWithoutId,
            HasVerificationId = t.VerificationId != null, t.VerifiedAt, t.RevokedAt, t.ClientIp, t.Channel,
            t.DeliveryProvider, t.ProviderMessageId, t.ProviderStatusCode, t.ProviderError, t.SentAt, t.DeliveryStatus, t.DeliveryStatusText,
            t.DeliveryCheckedAt, t.DeliveryOutcome, t.Operator, t.ReplacesTokenId, t.Version, t.CodeHash,
        }).FirstOrDefaultAsync(cancellationToken);
        return token is null ? null : new OtpTokenDetails(token.Id, token.Phone.E164, token.Status, token.CreatedAt,
            token.ExpiresAt, token.FailedAttempts, token.FailedAttemptsWithoutId, token.HasVerificationId, token.VerifiedAt,
            token.RevokedAt, token.ClientIp, token.Channel, token.DeliveryProvider, token.ProviderMessageId, token.ProviderStatusCode,
            token.ProviderError, token.SentAt, token.DeliveryStatus, token.DeliveryStatusText, token.DeliveryCheckedAt,
            token.DeliveryOutcome, token.Operator, token.ReplacesTokenId, token.Version,
            revealed.Find(token.CodeHash));
    }

    public async Task<OtpActivity> GetActivityAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        // Every figure counts codes created in the window, so each query is a range of the CreatedAt index; a code
        // lives minutes, so its send and verification fall in the same window but for the first few minutes.
        var created = db.OtpTokens.AsNoTracking().Where(t => t.CreatedAt >= since);
        var byStatus = await created.GroupBy(t => t.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var sent = await created.CountAsync(t => t.SentAt != null, cancellationToken);
        var verified = await created.CountAsync(t => t.VerifiedAt != null, cancellationToken);
        var failures = await created.Where(t => t.Status == OtpStatus.SendFailed)
            .GroupBy(t => new { t.DeliveryProvider, t.ProviderStatusCode })
            .Select(g => new FailureCount(g.Key.DeliveryProvider, g.Key.ProviderStatusCode, g.Count()))
            .ToListAsync(cancellationToken);
        var byOperator = await created.GroupBy(t => t.Operator)
            .Select(g => new OperatorActivity(
                g.Key ?? MobileOperators.Unknown,
                g.Count(),
                g.Count(t => t.DeliveryOutcome == DeliveryOutcome.Delivered),
                g.Count(t => t.DeliveryOutcome == DeliveryOutcome.Failed),
                g.Count(t => t.VerifiedAt != null)))
            .ToListAsync(cancellationToken);
        var deliveries = await created.Where(t => t.SentAt != null || t.Status == OtpStatus.SendFailed)
            .Select(t => new DeliveryAttempt(t.CreatedAt, t.SentAt != null))
            .ToListAsync(cancellationToken);

        return new OtpActivity(
            Requested: byStatus.Values.Sum(),
            Sent: sent,
            Failed: byStatus.GetValueOrDefault(OtpStatus.SendFailed),
            Verified: verified,
            Locked: byStatus.GetValueOrDefault(OtpStatus.Locked),
            FailuresByCode: [.. failures.OrderByDescending(f => f.Count).ThenBy(f => f.Provider, StringComparer.Ordinal).ThenBy(f => f.ProviderStatusCode)],
            Deliveries: deliveries,
            ByOperator: [.. byOperator.OrderByDescending(o => o.Requested).ThenBy(o => o.Operator, StringComparer.Ordinal)]);
    }

    private static Task<Page<TokenItem>> PageByInstantAsync(IQueryable<OtpToken> tokens, Expression<Func<OtpToken, DateTimeOffset>> key,
        Func<TokenItem, DateTimeOffset> keyOfItem, OtpTokenFilter filter, CancellationToken cancellationToken) =>
        Keyset.PageAsync(tokens, key, t => t.Id,
            c => (new DateTimeOffset(c.Key, TimeSpan.Zero), ParseId(c)), Row, r => Cursor(keyOfItem(r).UtcTicks, r.Id),
            filter.Ascending, filter.Page, q => q.ToListAsync(cancellationToken));

    private static readonly Expression<Func<OtpToken, TokenItem>> Row = t => new TokenItem(t.Id, t.Phone, t.Status, t.CreatedAt,
        t.ExpiresAt, t.FailedAttempts, t.DeliveryProvider, t.ProviderStatusCode, t.ProviderMessageId, t.DeliveryStatus, t.VerifiedAt, t.CodeHash);

    private OtpTokenRow ToRow(TokenItem t) => new(t.Id, t.Phone.E164, t.Status, t.CreatedAt, t.ExpiresAt, t.FailedAttempts,
        t.DeliveryProvider, t.ProviderStatusCode, t.ProviderMessageId, t.DeliveryStatus, t.VerifiedAt, revealed.Find(t.CodeHash));

    private static PageCursor Cursor(long key, long id) => new(key, id.ToString(CultureInfo.InvariantCulture));

    private static long ParseId(PageCursor cursor) =>
        long.TryParse(cursor.TieBreak, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;

    private sealed record TokenItem(long Id, PhoneNumber Phone, OtpStatus Status, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
        int FailedAttempts, string? DeliveryProvider, int? ProviderStatusCode, string? ProviderMessageId, int? DeliveryStatus, DateTimeOffset? VerifiedAt,
        byte[] CodeHash);
}
