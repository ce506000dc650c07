using Microsoft.EntityFrameworkCore;
using Pilito.Application.Common.Writes;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Domain.Webhooks;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Ef;

/// <summary>
/// A round on tracked entities of one context. The reads of the round's phones come from <see cref="PhoneReadAhead"/>
/// (one query for all of them), and the writes' changes are saved together: before the round's next query that could
/// see them, and at the end. On a server database each query or save is a round trip the whole round waits for, so
/// this keeps a round's round trips about the same however many writes it holds.
/// </summary>
/// <remarks>
/// <para>
/// What a write reads is what it would read had every earlier write of the round been saved at once: reads answered
/// from tracked entities see the earlier writes' changes, and every other query (bar those by primary key, which find
/// tracked entities first, and the limit counts, which the round keeps itself) first saves what is pending.
/// </para>
/// <para>
/// The round's I/O is synchronous, on the writer's thread, and its tasks are complete when returned. Everything else
/// waits for the round anyway; awaiting each round trip instead handed every answer from the database to a
/// thread-pool thread, and on a busy machine the hand-offs took longer than the database did.
/// </para>
/// </remarks>
internal sealed class EfWriteRound(PilitoDbContext db, PhoneAccounts accounts) : WriteRound(accounts)
{
    private readonly PhoneReadAhead _readAhead = new(
        accounts, phones => EfRoundQueries.TokensOfPhones(db, phones).ToList(), names => EfRoundQueries.UsersByName(db, names).ToList());
    private bool _unsaved;

    public override void WillRead(IEnumerable<PhoneNumber?> phones) => _readAhead.Expect(phones);

    public override Task<OtpToken?> FindTokenAsync(long id, CancellationToken cancellationToken)
    {
        if (_readAhead.ExpectsPhones)
            ReadAhead(); // a delivery answer's token is one of its phone's recent ones
        return Task.FromResult(db.OtpTokens.Local.FindEntry(id)?.Entity ?? EfRoundQueries.TokenById(db, id).FirstOrDefault());
    }

    public override Task<OtpToken?> FindNewestTokenAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        if (ReadAhead(phone) is { } tokens)
            return Task.FromResult(tokens.OrderByDescending(t => t.CreatedAt).ThenByDescending(Saved).FirstOrDefault());
        SavePending();
        return Task.FromResult(EfRoundQueries.NewestToken(db, phone).FirstOrDefault());
    }

    public override Task<OtpToken?> FindTokenByVerificationIdAsync(PhoneNumber phone, string verificationId, CancellationToken cancellationToken)
    {
        if (ReadAhead(phone) is { } tokens)
            return Task.FromResult(tokens.Where(t => t.VerificationId == verificationId).OrderByDescending(t => t.CreatedAt).ThenByDescending(Saved).FirstOrDefault());
        SavePending();
        return Task.FromResult(EfRoundQueries.TokenByVerificationId(db, phone, verificationId).FirstOrDefault());
    }

    public override Task<IReadOnlyList<OtpToken>> FindUsableTokensAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        if (ReadAhead(phone) is { } tokens)
            return Task.FromResult<IReadOnlyList<OtpToken>>([.. tokens.Where(t => OtpToken.UsableStatuses.Contains(t.Status))]);
        SavePending();
        return Task.FromResult<IReadOnlyList<OtpToken>>(EfRoundQueries.UsableTokens(db, phone).ToList());
    }

    public override Task<IReadOnlyList<DateTimeOffset>> FindCreationTimesAsync(PhoneNumber phone, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (ReadAhead(phone) is { } tokens)
            return Task.FromResult<IReadOnlyList<DateTimeOffset>>([.. tokens.Where(t => t.CreatedAt > since).Select(t => t.CreatedAt).Order()]);
        SavePending();
        return Task.FromResult<IReadOnlyList<DateTimeOffset>>(EfRoundQueries.CreationTimes(db, phone, since).ToList());
    }

    public override void Add(OtpToken token)
    {
        db.OtpTokens.Add(token);
        _readAhead.Added(token);
    }

    public override Task<RefreshToken?> FindRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        SavePending();
        return Task.FromResult(EfRoundQueries.RefreshTokenByHash(db, tokenHash).FirstOrDefault());
    }

    public override Task<IReadOnlyList<RefreshToken>> FindRefreshFamilyAsync(Guid familyId, CancellationToken cancellationToken)
    {
        SavePending(); // a rotation earlier in the round may have added to the family
        return Task.FromResult<IReadOnlyList<RefreshToken>>(EfRoundQueries.RefreshFamily(db, familyId).ToList());
    }

    public override Task<IReadOnlyList<RefreshToken>> FindUnrevokedRefreshTokensAsync(Guid userId, CancellationToken cancellationToken)
    {
        SavePending();
        return Task.FromResult<IReadOnlyList<RefreshToken>>(EfRoundQueries.UnrevokedRefreshTokens(db, userId).ToList());
    }

    public override void Add(RefreshToken token) => db.RefreshTokens.Add(token);

    public override void Add(WebhookMessage message) => db.WebhookMessages.Add(message);

    protected override Task SaveWriteAsync(CancellationToken cancellationToken)
    {
        _unsaved = true; // saved with the round's next writes: see SavePending
        return Task.CompletedTask;
    }

    protected override Task<Dictionary<DateTimeOffset, int>> LoadCountsAsync(CountScope scope, DateTimeOffset fromMinute, CancellationToken cancellationToken) =>
        Task.FromResult(EfRoundQueries.Counts(db, scope.Name, scope.Key, fromMinute).ToDictionary(m => m.MinuteStart, m => m.Count));

    protected override Task SaveCountsAsync(IEnumerable<CountWindow> windows, CancellationToken cancellationToken)
    {
        foreach (var window in windows)
        {
            foreach (var (minute, added) in window.Added)
            {
                var row = db.LimitCounts.Find(window.Scope.Name, window.Scope.Key, minute);
                if (row is null)
                    db.LimitCounts.Add(new LimitCount { Scope = window.Scope.Name, Key = window.Scope.Key, MinuteStart = minute, Count = added });
                else
                    row.Count += added;
            }
        }

        _unsaved = true;
        SavePending(); // the round's writes and its counts, in one save
        return Task.CompletedTask;
    }

    protected override Task<PilitoUser?> FindUserAsync(string normalizedUserName, CancellationToken cancellationToken)
    {
        if (!_readAhead.Covers(normalizedUserName))
        {
            SavePending();
            return Task.FromResult(EfRoundQueries.UserByName(db, normalizedUserName).FirstOrDefault());
        }

        if (!_readAhead.UsersLoaded)
            SavePending();
        return Task.FromResult(_readAhead.User(normalizedUserName));
    }

    protected override Task<PilitoUser?> FindUserAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(db.Users.Local.FindEntry(id)?.Entity ?? EfRoundQueries.UserById(db, id).FirstOrDefault());

    protected override void AddUser(PilitoUser user)
    {
        db.Users.Add(user);
        _readAhead.Added(user);
    }

    protected override void SignedIn(PilitoUser user)
    {
        // tracked: saved with the rest of the round
    }

    protected override void PhoneChanged(PilitoUser user, string? previousName)
    {
        // tracked: saved with the rest of the round; the read-ahead must stop finding it under its old name
        _readAhead.Renamed(user, previousName);
    }

    /// <summary>Orders saved tokens by id and puts one not saved yet (no id) after them, as its id will be.</summary>
    private static long Saved(OtpToken token) => token.Id > 0 ? token.Id : long.MaxValue;

    /// <summary>The phone's read-ahead tokens (read for every phone of the round at the first call); null when the round did not name the phone.</summary>
    private IReadOnlyList<OtpToken>? ReadAhead(PhoneNumber phone)
    {
        if (!_readAhead.Covers(phone))
            return null;
        ReadAhead();
        return _readAhead.Tokens(phone);
    }

    private void ReadAhead()
    {
        if (_readAhead.TokensLoaded)
            return;
        SavePending();
        _readAhead.LoadTokens();
    }

    /// <summary>Saves what the round's writes changed so far; the context does not look for changes on its own (see <see cref="EfWriteDatabase"/>).</summary>
    private void SavePending()
    {
        if (!_unsaved)
            return;
        db.ChangeTracker.DetectChanges();
        db.SaveChanges();
        _unsaved = false;
    }
}
