using Npgsql;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Infrastructure.Identity;
using Pilito.Infrastructure.Persistence.GroupCommit.Rows;

namespace Pilito.Infrastructure.Persistence.GroupCommit.PostgreSql;

/// <summary>
/// What a PostgreSQL round found and changed (a unit of work for the whole round). Each found row is kept once, with
/// the column values and version it was stored with; when a write's work returns, the rows whose version moved are
/// updated (only the columns that changed), and what it added is inserted. Those statements wait in one batch, sent
/// as one round trip when the round next reads something they could change, or at its end with the commit. The
/// round's transaction is begun by its first batch and committed by its last (<see cref="NewBatch"/>,
/// <see cref="FlushAndCommit"/>): no round trip of their own.
/// </summary>
internal sealed class PostgreSqlRoundChanges(NpgsqlConnection connection, PostgreSqlWriteStatements sql) : PendingRows
{
    private readonly Dictionary<long, Tracked<OtpToken>> _tokens = [];
    private readonly Dictionary<long, Tracked<RefreshToken>> _refreshTokens = [];
    private readonly List<Pending> _pending = [];
    private readonly List<Tracked<OtpToken>> _insertedTokens = [];
    private readonly List<Tracked<RefreshToken>> _insertedRefreshTokens = [];
    private bool _begun;

    /// <summary>How many statements the round has queued so far: a read made before a change was queued is still as stored.</summary>
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

    /// <summary>
    /// Queues the statements of one write's changes, in the order the SQLite path runs them (an account before its
    /// refresh tokens, a number given up before it is taken).
    /// </summary>
    public void WriteDone()
    {
        if (_insertedTokens.Exists(t => t.Entity.Version != t.Version) || _insertedRefreshTokens.Exists(t => t.Entity.Version != t.Version))
            Flush(); // a row inserted earlier in the round changed again: its update needs the id the insert returns

        foreach (var tracked in _tokens.Values)
            QueueUpdate(OtpTokenColumns.Map, tracked);
        QueueInserts(OtpTokenColumns.Map, NewTokens, _insertedTokens, _tokens, OtpTokenColumns.SetId);
        foreach (var user in NewUsers)
            QueueAccount(sql.AddUser, user, AccountColumns.BindNewUser);
        foreach (var user in SignedInUsers)
            QueueAccount(sql.RecordSignIn, user, AccountColumns.BindSignIn);
        foreach (var user in MovedUsers)
            QueueAccount(sql.ChangePhone, user, AccountColumns.BindPhoneChange);
        foreach (var tracked in _refreshTokens.Values)
            QueueUpdate(RefreshTokenColumns.Map, tracked);
        QueueInserts(RefreshTokenColumns.Map, NewRefreshTokens, _insertedRefreshTokens, _refreshTokens, RefreshTokenColumns.SetId);
        foreach (var message in NewMessages)
            QueueInsert(WebhookMessageColumns.Map, WebhookMessageColumns.Map.Snapshot(message), id => WebhookMessageColumns.SetId(message, id));

        ClearPending();
    }

    /// <summary>Adds to each minute's count in the batch; the round's last statements before its commit.</summary>
    public void AddCount(string scope, string key, long minute, int added)
    {
        var run = sql.AddCount.Start();
        run["$scope"] = scope;
        run["$key"] = key;
        run["$minute"] = minute;
        run["$added"] = added;
        Queue(new Pending(run.ToCommand(), null, ExpectsOneRow: false));
    }

    /// <summary>Sends the queued statements as one batch: the inserts' ids are given to their entities, and each update must have found its row.</summary>
    public void Flush()
    {
        if (_pending.Count == 0)
            return;
        Send(commit: false);
    }

    /// <summary>Sends what is queued and the commit, as one batch; nothing when the round sent nothing (it has no transaction).</summary>
    public void FlushAndCommit()
    {
        if (_begun || _pending.Count > 0)
            Send(commit: true);
    }

    /// <summary>
    /// A batch in the round's transaction. The round's first one begins it (SERIALIZABLE) and takes the round's turn
    /// (<see cref="PostgreSqlWriteStatements.TakeTurn"/>) before anything else runs.
    /// </summary>
    public NpgsqlBatch NewBatch()
    {
        var batch = new NpgsqlBatch(connection);
        if (!_begun)
        {
            batch.BatchCommands.Add(sql.BeginRound.Start().ToCommand());
            batch.BatchCommands.Add(sql.TakeTurn.Start().ToCommand());
            _begun = true;
        }

        return batch;
    }

    private void Send(bool commit)
    {
        using var batch = NewBatch();
        foreach (var pending in _pending)
            batch.BatchCommands.Add(pending.Command);
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
        foreach (var pending in _pending)
        {
            if (pending.Inserted is { } inserted)
                inserted(ids[next++]);
            // The round is serializable and reads every row it updates: nothing else can have changed the row.
            else if (pending.ExpectsOneRow && pending.Command.RecordsAffected != 1)
                throw new InvalidOperationException("A row changed inside the write round.");
        }

        _pending.Clear();
        _insertedTokens.Clear();
        _insertedRefreshTokens.Clear();
    }

    private void QueueUpdate<T>(ColumnMap<T> map, Tracked<T> tracked)
        where T : class
    {
        var version = VersionOf(tracked.Entity);
        if (version == tracked.Version)
            return; // every domain change moves the version
        var now = map.Snapshot(tracked.Entity);
        var changed = ColumnMap<T>.Changed(tracked.Snapshot, now);
        var run = sql.Update(map, changed).Start();
        map.Bind(run, now, changed);
        run["$Id"] = IdOf(tracked.Entity);
        run["$LoadedVersion"] = tracked.Version;
        Queue(new Pending(run.ToCommand(), null, ExpectsOneRow: true));
        tracked.Snapshot = now;
        tracked.Version = version;
    }

    /// <summary>Queues the inserts of new rows; once inserted, each is kept as found, with the id the database gave it.</summary>
    private void QueueInserts<T>(ColumnMap<T> map, List<T> added, List<Tracked<T>> inserted, Dictionary<long, Tracked<T>> found, Action<T, long> setId)
        where T : class
    {
        foreach (var entity in added)
        {
            var tracked = new Tracked<T>(entity, map.Snapshot(entity), VersionOf(entity));
            inserted.Add(tracked);
            QueueInsert(map, tracked.Snapshot, id =>
            {
                setId(entity, id);
                found.Add(id, tracked);
            });
        }
    }

    private void QueueInsert<T>(ColumnMap<T> map, object?[] values, Action<long> inserted)
    {
        var columns = ColumnMap<T>.WithValues(values);
        var run = sql.Insert(map, columns).Start();
        map.Bind(run, values, columns);
        Queue(new Pending(run.ToCommand(), inserted, ExpectsOneRow: false));
    }

    private void QueueAccount(PostgreSqlStatement statement, PilitoUser user, Action<IStatementParameters, PilitoUser> bind)
    {
        var run = statement.Start();
        bind(run, user);
        Queue(new Pending(run.ToCommand(), null, ExpectsOneRow: true));
    }

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

    private void Queue(Pending pending)
    {
        _pending.Add(pending);
        Queued++;
    }

    private sealed record Pending(NpgsqlBatchCommand Command, Action<long>? Inserted, bool ExpectsOneRow);

    private sealed class Tracked<T>(T entity, object?[] snapshot, int version)
    {
        public T Entity { get; } = entity;

        /// <summary>The columns as stored now: what the next update compares with.</summary>
        public object?[] Snapshot { get; set; } = snapshot;

        public int Version { get; set; } = version;
    }
}
