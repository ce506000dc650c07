using Npgsql;
using Pilito.Application.Common.Writes;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Domain.Webhooks;
using Pilito.Infrastructure.Identity;
using Pilito.Infrastructure.Persistence.GroupCommit.Rows;

namespace Pilito.Infrastructure.Persistence.GroupCommit.PostgreSql;

/// <summary>
/// A round on the writer's PostgreSQL connection, in one serializable transaction. The round's phones' tokens and
/// accounts are read by one query each (<see cref="PhoneReadAhead"/>); the writes' changes wait in one batch
/// (<see cref="PostgreSqlRoundChanges"/>), sent before the round's next query that could see them and at its end with
/// the counts. So a round of many writes makes about as many round trips as a round of one.
/// </summary>
/// <remarks>
/// As on EF Core's path (<see cref="Ef.EfWriteRound"/>), a write reads what it would read had every earlier write of
/// the round been saved at once, and the I/O is synchronous on the writer's thread: everything else waits for the
/// round anyway, and awaiting each round trip would hand every answer to another thread.
/// </remarks>
internal sealed class PostgreSqlWriteRound : WriteRound
{
    private readonly PostgreSqlWriteStatements _sql;
    private readonly PostgreSqlRoundChanges _changes;
    private readonly PhoneReadAhead _readAhead;
    private readonly Dictionary<Guid, PilitoUser> _users = [];
    private PostgreSqlRoundOpening? _opening;

    public PostgreSqlWriteRound(NpgsqlConnection connection, PostgreSqlWriteStatements sql, PhoneAccounts accounts)
        : base(accounts)
    {
        _sql = sql;
        _changes = new PostgreSqlRoundChanges(connection, sql);
        _readAhead = new PhoneReadAhead(accounts, LoadTokensOf, LoadUsersNamed);
    }

    /// <summary>Begins the round and takes its turn, before its writes are staged (<see cref="PostgreSqlRoundChanges.Begin"/>).</summary>
    public void Begin() => _changes.Begin();

    public override void WillRead(IEnumerable<PhoneNumber?> phones) => _readAhead.Expect(phones);

    public override Task<OtpToken?> FindTokenAsync(long id, CancellationToken cancellationToken)
    {
        _readAhead.LoadTokens(); // a delivery answer's token is one of its phone's recent ones
        if (_changes.TokenWithId(id) is { } tracked)
            return Task.FromResult<OtpToken?>(tracked);
        var run = _sql.TokenById.Start();
        run["$id"] = id;
        return Task.FromResult(Tokens(run).FirstOrDefault());
    }

    public override Task<OtpToken?> FindNewestTokenAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        if (_readAhead.TokensOf(phone) is { } tokens)
            return Task.FromResult(PhoneReadAhead.Newest(tokens));
        var run = _sql.NewestToken.Start();
        run["$phone"] = phone.E164;
        return Task.FromResult(SavedTokens(run).FirstOrDefault());
    }

    public override Task<OtpToken?> FindTokenByVerificationIdAsync(PhoneNumber phone, string verificationId, CancellationToken cancellationToken)
    {
        if (_readAhead.TokensOf(phone) is { } tokens)
            return Task.FromResult(PhoneReadAhead.Newest(tokens.Where(t => t.VerificationId == verificationId)));
        var run = _sql.TokenByVerificationId.Start();
        run["$phone"] = phone.E164;
        run["$verificationId"] = verificationId;
        return Task.FromResult(SavedTokens(run).FirstOrDefault());
    }

    public override Task<IReadOnlyList<OtpToken>> FindUsableTokensAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        if (_readAhead.TokensOf(phone) is { } tokens)
            return Task.FromResult(PhoneReadAhead.Usable(tokens));
        var run = _sql.UsableTokens.Start();
        run["$phone"] = phone.E164;
        RoundSql.BindUsableStatuses(run);
        return Task.FromResult<IReadOnlyList<OtpToken>>(SavedTokens(run));
    }

    public override Task<IReadOnlyList<DateTimeOffset>> FindCreationTimesAsync(PhoneNumber phone, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (_readAhead.TokensOf(phone) is { } tokens)
            return Task.FromResult(PhoneReadAhead.CreationTimes(tokens, since));
        _changes.Flush();
        var run = _sql.CreationTimes.Start();
        run["$phone"] = phone.E164;
        run["$since"] = UtcTicksConverter.ToStored(since);
        return Task.FromResult<IReadOnlyList<DateTimeOffset>>(Read(run, row => UtcTicksConverter.FromStored(row.GetInt64(0))));
    }

    public override void Add(OtpToken token)
    {
        _changes.Add(token);
        _readAhead.Added(token);
    }

    public override Task<RefreshToken?> FindRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        var run = _sql.RefreshTokenByHash.Start();
        run["$hash"] = tokenHash;
        return Task.FromResult(SavedRefreshTokens(run).SingleOrDefault());
    }

    public override Task<IReadOnlyList<RefreshToken>> FindRefreshFamilyAsync(Guid familyId, CancellationToken cancellationToken)
    {
        var run = _sql.RefreshFamily.Start(); // a rotation earlier in the round may have added to the family
        run["$familyId"] = familyId;
        return Task.FromResult<IReadOnlyList<RefreshToken>>(SavedRefreshTokens(run));
    }

    public override Task<IReadOnlyList<RefreshToken>> FindUnrevokedRefreshTokensAsync(Guid userId, CancellationToken cancellationToken)
    {
        var run = _sql.UnrevokedRefreshTokens.Start();
        run["$userId"] = userId;
        return Task.FromResult<IReadOnlyList<RefreshToken>>(SavedRefreshTokens(run));
    }

    public override void Add(RefreshToken token) => _changes.Add(token);

    public override void Add(WebhookMessage message) => _changes.Add(message);

    /// <summary>Queues the write's changes; they are sent with the round's next read that could see them, or at its end.</summary>
    protected override Task SaveWriteAsync(CancellationToken cancellationToken)
    {
        _changes.WriteDone();
        return Task.CompletedTask;
    }

    protected override Task<Dictionary<DateTimeOffset, int>> LoadCountsAsync(CountScope scope, DateTimeOffset fromMinute, CancellationToken cancellationToken)
    {
        // The round keeps its own counts (WriteRound): nothing queued changes what this reads.
        var run = _sql.Counts.Start();
        run["$scope"] = scope.Name;
        run["$key"] = scope.Key;
        run["$from"] = UtcTicksConverter.ToStored(fromMinute);
        var minutes = new Dictionary<DateTimeOffset, int>();
        foreach (var (minute, count) in Read(run, row => (row.GetInt64(0), row.GetInt32(1))))
            minutes.Add(UtcTicksConverter.FromStored(minute), count);
        return Task.FromResult(minutes);
    }

    /// <summary>Every window the round's writes told (<see cref="CountRead"/>), by one query: the round's opening read, as a rule.</summary>
    protected override Task<Dictionary<CountScope, Dictionary<DateTimeOffset, int>>> LoadCountsAsync(
        IReadOnlyList<(CountScope Scope, DateTimeOffset FromMinute)> windows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (Open().TakeCounts(windows) is { } opened)
            return Task.FromResult(opened);
        var run = CountsOf(windows);
        return Task.FromResult(PostgreSqlRoundOpening.ByWindow(windows, Read(run, PostgreSqlRoundOpening.CountRow)));
    }

    protected override Task SaveCountsAsync(IEnumerable<CountWindow> windows, CancellationToken cancellationToken)
    {
        foreach (var window in windows)
        {
            foreach (var (minute, added) in window.Added)
                _changes.AddCount(window.Scope.Name, window.Scope.Key, UtcTicksConverter.ToStored(minute), added);
        }

        return Task.CompletedTask; // sent with the commit (Commit)
    }

    /// <summary>Sends the round's last writes, its counts and its commit, in one round trip.</summary>
    public void Commit() => _changes.FlushAndCommit();

    protected override Task<PilitoUser?> FindUserAsync(string normalizedUserName, CancellationToken cancellationToken)
    {
        if (_readAhead.Covers(normalizedUserName))
            return Task.FromResult(_readAhead.User(normalizedUserName));
        var run = _sql.FindUser.Start();
        run["$name"] = normalizedUserName;
        return Task.FromResult(LoadUsers(run).FirstOrDefault());
    }

    protected override Task<PilitoUser?> FindUserAsync(Guid id, CancellationToken cancellationToken)
    {
        if (_users.TryGetValue(id, out var user))
            return Task.FromResult<PilitoUser?>(user);
        var run = _sql.FindUserById.Start();
        run["$id"] = id;
        return Task.FromResult(LoadUsers(run).FirstOrDefault());
    }

    protected override void AddUser(PilitoUser user)
    {
        _users.Add(user.Id, user);
        _changes.AddUser(user);
        _readAhead.Added(user);
    }

    protected override void SignedIn(PilitoUser user) => _changes.SignedIn(user);

    protected override void PhoneChanged(PilitoUser user, string? previousName)
    {
        _changes.PhoneChanged(user);
        _readAhead.Renamed(user, previousName); // a later write looking up the old number finds no account
    }

    private List<OtpToken> LoadTokensOf(IReadOnlyCollection<PhoneNumber> phones) =>
        Open().TakeTokens(_changes.Queued) ?? SavedTokens(TokensOf(phones));

    private List<PilitoUser> LoadUsersNamed(IReadOnlyCollection<string> names) =>
        Open().TakeUsers(_changes.Queued) ?? LoadUsers(UsersNamed(names));

    /// <summary>
    /// The round's opening read, made by its first read of its phones' tokens or accounts or of its told counts: all
    /// three at once, in one batch, in the transaction the round has begun (<see cref="Begin"/>).
    /// </summary>
    private PostgreSqlRoundOpening Open()
    {
        if (_opening is not null)
            return _opening;
        // Called by the first load of any of the three, so none of them has been read yet.
        _changes.Flush(); // only a round whose first write added without reading has anything queued
        var phones = _readAhead.Phones;
        var names = _readAhead.UserNames;
        var windows = CountsToldNotRead();
        _opening = new PostgreSqlRoundOpening(_changes.Queued, windows);
        if (phones.Count == 0 && names.Count == 0 && windows.Count == 0)
            return _opening;

        using var batch = _changes.NewBatch();
        if (phones.Count > 0)
            batch.BatchCommands.Add(TokensOf(phones).ToCommand());
        if (names.Count > 0)
            batch.BatchCommands.Add(UsersNamed(names).ToCommand());
        if (windows.Count > 0)
            batch.BatchCommands.Add(CountsOf(windows).ToCommand());
        using var reader = batch.ExecuteReader();
        if (phones.Count > 0)
            _opening.Tokens = NextRows(reader, OtpTokenColumns.Read).ConvertAll(_changes.Found);
        if (names.Count > 0)
            _opening.Users = NextRows(reader, AccountColumns.ReadUser).ConvertAll(KeepUser);
        if (windows.Count > 0)
            _opening.Counts = PostgreSqlRoundOpening.ByWindow(windows, NextRows(reader, PostgreSqlRoundOpening.CountRow));
        return _opening;
    }

    private PostgreSqlStatement.Run TokensOf(IReadOnlyCollection<PhoneNumber> phones)
    {
        var run = _sql.TokensOfPhones.Start();
        run["$phones"] = phones.Select(p => p.E164).ToArray();
        return run;
    }

    private PostgreSqlStatement.Run UsersNamed(IReadOnlyCollection<string> names)
    {
        var run = _sql.UsersByName.Start();
        run["$names"] = names.ToArray();
        return run;
    }

    private PostgreSqlStatement.Run CountsOf(IReadOnlyList<(CountScope Scope, DateTimeOffset FromMinute)> windows)
    {
        var run = _sql.CountsOfScopes.Start();
        run["$scopes"] = windows.Select(w => w.Scope.Name).ToArray();
        run["$keys"] = windows.Select(w => w.Scope.Key).ToArray();
        run["$froms"] = windows.Select(w => UtcTicksConverter.ToStored(w.FromMinute)).ToArray();
        return run;
    }

    /// <summary>Tokens as stored once the round's queued changes are: sends those first.</summary>
    private List<OtpToken> SavedTokens(PostgreSqlStatement.Run run)
    {
        _changes.Flush();
        return Tokens(run);
    }

    /// <summary>The rows as the round's own instances: a row the round holds already is that instance.</summary>
    private List<OtpToken> Tokens(PostgreSqlStatement.Run run) => Read(run, OtpTokenColumns.Read).ConvertAll(_changes.Found);

    private List<RefreshToken> SavedRefreshTokens(PostgreSqlStatement.Run run)
    {
        _changes.Flush();
        return Read(run, RefreshTokenColumns.Read).ConvertAll(_changes.Found);
    }

    private List<PilitoUser> LoadUsers(PostgreSqlStatement.Run run)
    {
        _changes.Flush(); // a phone change or a new account earlier in the round
        return Read(run, AccountColumns.ReadUser).ConvertAll(KeepUser);
    }

    private PilitoUser KeepUser(PilitoUser user) => _users.TryAdd(user.Id, user) ? user : _users[user.Id];

    private List<T> Read<T>(PostgreSqlStatement.Run run, Func<NpgsqlDataReader, T> read)
    {
        using var batch = _changes.NewBatch();
        batch.BatchCommands.Add(run.ToCommand());
        using var reader = batch.ExecuteReader();
        return NextRows(reader, read);
    }

    /// <summary>The rows of the reader's current result (the batch's first query's, at first), then moves to the next query's.</summary>
    private static List<T> NextRows<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> read)
    {
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(read(reader));
        reader.NextResult();
        return rows;
    }
}
