using Npgsql;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Infrastructure.Identity;
using Pilito.Infrastructure.Persistence.GroupCommit.Rows;

namespace Pilito.Infrastructure.Persistence.GroupCommit.PostgreSql;

/// <summary>
/// What a PostgreSQL round found and changed (a unit of work for the whole round). Each found row is kept once, with
/// the column values and version it was stored with; when a write's work returns, the rows whose version moved are
/// updated (only the columns that changed), and what it added is inserted. Those rows wait, grouped by statement,
/// to be sent as one batch when the round next reads something they could change, or at its end with the commit:
/// each statement writes all its group's rows (<see cref="PostgreSqlRowsStatement"/>), so a round of many writes
/// sends about as many statements as a round of one. The round's transaction is begun, and its turn taken, by a
/// round trip of its own (<see cref="Begin"/>) and committed by its last batch (<see cref="FlushAndCommit"/>).
/// </summary>
/// <remarks>
/// A batch runs its groups in the order of <see cref="Step"/>, whichever write queued them: that order keeps each
/// write's own (a token given up before its successor is added, an account before its sign-in and refresh tokens),
/// and rows of different writes do not depend on each other, with two exceptions that are sent apart: a row changed
/// again after it was queued (one statement may not change a row twice), and a phone change (a number given up
/// before another account takes it).
/// </remarks>
internal sealed class PostgreSqlRoundChanges(NpgsqlConnection connection, PostgreSqlWriteStatements sql) : PendingRows
{
    private readonly Dictionary<long, Tracked<OtpToken>> _tokens = [];
    private readonly Dictionary<long, Tracked<RefreshToken>> _refreshTokens = [];
    private readonly Dictionary<PostgreSqlRowsStatement, Group> _groups = [];
    private readonly List<Tracked<OtpToken>> _insertedTokens = [];
    private readonly List<Tracked<RefreshToken>> _insertedRefreshTokens = [];
    private bool _begun;

    /// <summary>The order a batch runs its groups in.</summary>
    private enum Step
    {
        TokenUpdates,
        TokenInserts,
        NewAccounts,
        SignIns,
        PhoneChanges,
        RefreshTokenUpdates,
        RefreshTokenInserts,
        Messages,
        Counts,
    }

    /// <summary>How many rows the round has queued to write so far: a read made before a change was queued is still as stored.</summary>
    public int Queued { get; private set; }

    /// <summary>The round's one instance of the row: the one read before, if any, so every write sees the others' changes.</summary>
    public OtpToken Found(OtpToken token)
    {
        if (_tokens.TryGetValue(token.Id, out var tracked))
            return tracked.Entity;
        _tokens.Add(token.Id, new Tracked<OtpToken>(token, OtpTokenColumns.Map.Snapshot(token), token.Version));
        return token;
    }

    public RefreshToken Found(RefreshToken token)
    {
        if (_refreshTokens.TryGetValue(token.Id, out var tracked))
            return tracked.Entity;
        _refreshTokens.Add(token.Id, new Tracked<RefreshToken>(token, RefreshTokenColumns.Map.Snapshot(token), token.Version));
        return token;
    }

    public OtpToken? TokenWithId(long tokenId) => _tokens.GetValueOrDefault(tokenId)?.Entity;

    /// <summary>Queues the rows of one write's changes (see the remarks on the order they are sent in).</summary>
    public void WriteDone()
    {
        if (_insertedTokens.Exists(t => t.Entity.Version != t.Version) || _insertedRefreshTokens.Exists(t => t.Entity.Version != t.Version))
            Flush(); // a row inserted earlier in the round changed again: its update needs the id the insert returns
        var movesAccounts = MovedUsers.Count > 0;
        if (movesAccounts)
            Flush(); // a number another write of the batch gave up is free before this write takes it

        foreach (var tracked in _tokens.Values)
            QueueUpdate(Step.TokenUpdates, OtpTokenColumns.Map, tracked);
        QueueInserts(Step.TokenInserts, OtpTokenColumns.Map, NewTokens, _insertedTokens, _tokens, OtpTokenColumns.SetId);
        foreach (var user in NewUsers)
            QueueAccount(Step.NewAccounts, sql.AddUsers, user, AccountColumns.BindNewUser);
        foreach (var user in SignedInUsers)
            QueueAccount(Step.SignIns, sql.RecordSignIns, user, AccountColumns.BindSignIn);
        foreach (var user in MovedUsers)
            QueueAccount(Step.PhoneChanges, sql.ChangePhones, user, AccountColumns.BindPhoneChange);
        foreach (var tracked in _refreshTokens.Values)
            QueueUpdate(Step.RefreshTokenUpdates, RefreshTokenColumns.Map, tracked);
        QueueInserts(Step.RefreshTokenInserts, RefreshTokenColumns.Map, NewRefreshTokens, _insertedRefreshTokens, _refreshTokens, RefreshTokenColumns.SetId);
        foreach (var message in NewMessages)
            QueueInsert(Step.Messages, WebhookMessageColumns.Map, WebhookMessageColumns.Map.Snapshot(message), id => WebhookMessageColumns.SetId(message, id));

        ClearPending();
        if (movesAccounts)
            Flush(); // and the number it gave up is free before a later write takes it
    }

    /// <summary>Adds to each minute's count in the batch; the round's last statements before its commit.</summary>
    public void AddCount(string scope, string key, long minute, int added) =>
        Queue(Step.Counts, sql.AddCounts, key: null, run =>
        {
            run["$scope"] = scope;
            run["$key"] = key;
            run["$minute"] = minute;
            run["$added"] = added;
        });

    /// <summary>Sends the queued statements as one batch: the inserts' ids are given to their entities, and each update must have found its row.</summary>
    public void Flush()
    {
        if (_groups.Count == 0)
            return;
        Send(commit: false);
    }

    /// <summary>
    /// Begins the round's transaction (SERIALIZABLE) and takes its turn (<see cref="PostgreSqlWriteStatements.TakeTurn"/>),
    /// a round trip of its own before the round's writes are staged: a round that waits here for another instance's
    /// turn takes in the writes queued meanwhile (ADR 0011).
    /// </summary>
    public void Begin()
    {
        if (_begun)
            throw new InvalidOperationException("The write round has begun already.");
        using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { sql.BeginRound.Start().ToCommand(), sql.TakeTurn.Start().ToCommand() },
        };
        batch.ExecuteNonQuery();
        _begun = true;
    }

    /// <summary>Sends what is queued and the commit, as one batch.</summary>
    public void FlushAndCommit() => Send(commit: true);

    /// <summary>A batch in the round's transaction, which <see cref="Begin"/> must have begun: nothing of a round runs outside it.</summary>
    public NpgsqlBatch NewBatch() => _begun
        ? new NpgsqlBatch(connection)
        : throw new InvalidOperationException("The write round has not begun: its statements would run outside its transaction.");

    private void Send(bool commit)
    {
        var groups = _groups.Values.OrderBy(g => g.Step).ToList(); // stable: groups of one step in the order queued
        using var batch = NewBatch();
        var commands = groups.ConvertAll(g => g.Rows.ToCommand());
        foreach (var command in commands)
            batch.BatchCommands.Add(command);
        if (commit)
            batch.BatchCommands.Add(sql.CommitRound.Start().ToCommand());
        var ids = new List<long>();
        using (var reader = batch.ExecuteReader())
        {
            do
            {
                while (reader.Read())
                    ids.Add(reader.GetInt64(0)); // only the inserts return rows: their ids, in order
            }
            while (reader.NextResult());
        }

        var next = 0;
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            if (group.Inserted.Count > 0)
            {
                foreach (var inserted in group.Inserted)
                    inserted(ids[next++]);
            }
            // The round is serializable and reads every row it updates: nothing else can have changed the row.
            else if (group.WritesEveryRow && commands[i].RecordsAffected != group.Rows.Count)
                throw new InvalidOperationException("A row changed inside the write round.");
        }

        _groups.Clear();
        _insertedTokens.Clear();
        _insertedRefreshTokens.Clear();
    }

    private void QueueUpdate<T>(Step step, ColumnMap<T> map, Tracked<T> tracked)
        where T : class
    {
        var version = VersionOf(tracked.Entity);
        if (version == tracked.Version)
            return; // every domain change moves the version
        var now = map.Snapshot(tracked.Entity);
        var changed = ColumnMap<T>.Changed(tracked.Snapshot, now);
        var id = IdOf(tracked.Entity);
        var loadedVersion = tracked.Version;
        Queue(step, sql.Updates(map, changed), id, run =>
        {
            map.Bind(run, now, changed);
            run["$Id"] = id;
            run["$LoadedVersion"] = loadedVersion;
        });
        tracked.Snapshot = now;
        tracked.Version = version;
    }

    /// <summary>Queues the inserts of new rows; once inserted, each is kept as found, with the id the database gave it.</summary>
    private void QueueInserts<T>(Step step, ColumnMap<T> map, List<T> added, List<Tracked<T>> inserted, Dictionary<long, Tracked<T>> found, Action<T, long> setId)
        where T : class
    {
        foreach (var entity in added)
        {
            var tracked = new Tracked<T>(entity, map.Snapshot(entity), VersionOf(entity));
            inserted.Add(tracked);
            QueueInsert(step, map, tracked.Snapshot, id =>
            {
                setId(entity, id);
                found.Add(id, tracked);
            });
        }
    }

    private void QueueInsert<T>(Step step, ColumnMap<T> map, object?[] values, Action<long> inserted)
    {
        var columns = ColumnMap<T>.WithValues(values);
        Queue(step, sql.Inserts(map, columns), key: null, run => map.Bind(run, values, columns)).Inserted.Add(inserted);
    }

    private void QueueAccount(Step step, PostgreSqlRowsStatement statement, PilitoUser user, Action<IStatementParameters, PilitoUser> bind) =>
        Queue(step, statement, user.Id, run => bind(run, user));

    private static int VersionOf<T>(T entity) => entity switch
    {
        OtpToken token => token.Version,
        RefreshToken token => token.Version,
        _ => throw new ArgumentException($"{typeof(T).Name} has no version.", nameof(entity)),
    };

    private static long IdOf<T>(T entity) => entity switch
    {
        OtpToken token => token.Id,
        RefreshToken token => token.Id,
        _ => throw new ArgumentException($"{typeof(T).Name} has no id.", nameof(entity)),
    };

    /// <summary>
    /// Adds a row to its statement's group. A row that changes one the group holds already (<paramref name="key"/>)
    /// sends what is queued first: one statement changes a row once.
    /// </summary>
    private Group Queue(Step step, PostgreSqlRowsStatement statement, object? key, Action<IStatementParameters> bind)
    {
        if (key is not null && _groups.TryGetValue(statement, out var holding) && holding.Keys.Contains(key))
            Flush();
        if (!_groups.TryGetValue(statement, out var group))
            _groups.Add(statement, group = new Group(step, statement.Start()));
        if (key is not null)
            group.Keys.Add(key);
        group.Rows.Next();
        bind(group.Rows);
        Queued++;
        return group;
    }

    /// <summary>The rows queued for one statement; an update or account write must write every one of them.</summary>
    private sealed class Group(Step step, PostgreSqlRowsStatement.Rows rows)
    {
        public Step Step { get; } = step;

        public PostgreSqlRowsStatement.Rows Rows { get; } = rows;

        /// <summary>The rows (ids) an update or account write holds: one statement changes a row once.</summary>
        public HashSet<object> Keys { get; } = [];

        /// <summary>An update or account write: every row it was given must be written (the rows of an insert or a count have no key).</summary>
        public bool WritesEveryRow => Keys.Count > 0;

        /// <summary>For an insert that returns ids: what to do with each row's id, in the rows' order.</summary>
        public List<Action<long>> Inserted { get; } = [];
    }

    private sealed class Tracked<T>(T entity, object?[] snapshot, int version)
    {
        public T Entity { get; } = entity;

        /// <summary>The columns as stored now: what the next update compares with.</summary>
        public object?[] Snapshot { get; set; } = snapshot;

        public int Version { get; set; } = version;
    }
}
