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
internal sealed class EfWriteRound : WriteRound
{
    private readonly PilitoDbContext _db;
    private readonly PhoneReadAhead _readAhead;
    private bool _unsaved;

    public EfWriteRound(PilitoDbContext db, PhoneAccounts accounts)
        : base(accounts)
    {
        _db = db;
        // Each load saves what is pending first, so that it reads the round's earlier writes.
        _readAhead = new PhoneReadAhead(
            accounts,
            phones =>
            {
                SavePending();
                return EfRoundQueries.TokensOfPhones(db, phones).ToList();
            },
            names =>
            {
                SavePending();
                return EfRoundQueries.UsersByName(db, names).ToList();
            });
    }

    public override void WillRead(IEnumerable<PhoneNumber?> phones) => _readAhead.Expect(phones);

    public override Task<OtpToken?> FindTokenAsync(long id, CancellationToken cancellationToken)
    {
        _readAhead.LoadTokens(); // a delivery answer's token is one of its phone's recent ones
        return Task.FromResult(_db.OtpTokens.Local.FindEntry(id)?.Entity ?? EfRoundQueries.TokenById(_db, id).FirstOrDefault());
    }

    public override Task<OtpToken?> FindNewestTokenAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        if (_readAhead.TokensOf(phone) is { } tokens)
            return Task.FromResult(PhoneReadAhead.Newest(tokens));
        SavePending();
        return Task.FromResult(EfRoundQueries.NewestToken(_db, phone).FirstOrDefault());
    }

    public override Task<OtpToken?> FindTokenByVerificationIdAsync(PhoneNumber phone, string verificationId, CancellationToken cancellationToken)
    {
        if (_readAhead.TokensOf(phone) is { } tokens)
            return Task.FromResult(PhoneReadAhead.Newest(tokens.Where(t => t.VerificationId == verificationId)));
        SavePending();
        return Task.FromResult(EfRoundQueries.TokenByVerificationId(_db, phone, verificationId).FirstOrDefault());
    }

    public override Task<IReadOnlyList<OtpToken>> FindUsableTokensAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        if (_readAhead.TokensOf(phone) is { } tokens)
            return Task.FromResult(PhoneReadAhead.Usable(tokens));
        SavePending();
        return Task.FromResult<IReadOnlyList<OtpToken>>(EfRoundQueries.UsableTokens(_db, phone).ToList());
    }

    public override Task<IReadOnlyList<DateTimeOffset>> FindCreationTimesAsync(PhoneNumber phone, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (_readAhead.TokensOf(phone) is { } tokens)
            return Task.FromResult(PhoneReadAhead.CreationTimes(tokens, since));
        SavePending();
        return Task.FromResult<IReadOnlyList<DateTimeOffset>>(EfRoundQueries.CreationTimes(_db, phone, since).ToList());
    }

    public override void Add(OtpToken token)
    {
        _db.OtpTokens.Add(token);
        _readAhead.Added(token);
    }

    public override Task<RefreshToken?> FindRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        SavePending();
        return Task.FromResult(EfRoundQueries.RefreshTokenByHash(_db, tokenHash).FirstOrDefault());
    }

    public override Task<IReadOnlyList<RefreshToken>> FindRefreshFamilyAsync(Guid familyId, CancellationToken cancellationToken)
    {
        SavePending(); // a rotation earlier in the round may have added to the family
        return Task.FromResult<IReadOnlyList<RefreshToken>>(EfRoundQueries.RefreshFamily(_db, familyId).ToList());
    }

    public override Task<IReadOnlyList<RefreshToken>> FindUnrevokedRefreshTokensAsync(Guid userId, CancellationToken cancellationToken)
    {
        SavePending();
        return Task.FromResult<IReadOnlyList<RefreshToken>>(EfRoundQueries.UnrevokedRefreshTokens(_db, userId).ToList());
    }

    public override void Add(RefreshToken token) => _db.RefreshTokens.Add(token);

    public override void Add(WebhookMessage message) => _db.WebhookMessages.Add(message);

    protected override Task SaveWriteAsync(CancellationToken cancellationToken)
    {
        _unsaved = true; // saved with the round's next writes: see SavePending
        return Task.CompletedTask;
    }

    protected override Task<Dictionary<DateTimeOffset, int>> LoadCountsAsync(CountScope scope, DateTimeOffset fromMinute, CancellationToken cancellationToken) =>
        Task.FromResult(EfRoundQueries.Counts(_db, scope.Name, scope.Key, fromMinute).ToDictionary(m => m.MinuteStart, m => m.Count));

    protected override Task SaveCountsAsync(IEnumerable<CountWindow> windows, CancellationToken cancellationToken)
    {
        foreach (var window in windows)
        {
            foreach (var (minute, added) in window.Added)
            {
                var row = _db.LimitCounts.Find(window.Scope.Name, window.Scope.Key, minute);
                if (row is null)
                    _db.LimitCounts.Add(new LimitCount { Scope = window.Scope.Name, Key = window.Scope.Key, MinuteStart = minute, Count = added });
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
            return Task.FromResult(EfRoundQueries.UserByName(_db, normalizedUserName).FirstOrDefault());
        }

        return Task.FromResult(_readAhead.User(normalizedUserName));
    }

    protected override Task<PilitoUser?> FindUserAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(_db.Users.Local.FindEntry(id)?.Entity ?? EfRoundQueries.UserById(_db, id).FirstOrDefault());

    protected override void AddUser(PilitoUser user)
    {
        _db.Users.Add(user);
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

    /// <summary>Saves what the round's writes changed so far; the context does not look for changes on its own (see <see cref="EfWriteDatabase"/>).</summary>
    private void SavePending()
    {
        if (!_unsaved)
            return;
        _db.ChangeTracker.DetectChanges();
        _db.SaveChanges();
        _unsaved = false;
    }
}
