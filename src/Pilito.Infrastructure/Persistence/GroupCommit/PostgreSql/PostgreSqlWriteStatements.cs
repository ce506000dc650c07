using Pilito.Infrastructure.Persistence.GroupCommit.Rows;

namespace Pilito.Infrastructure.Persistence.GroupCommit.PostgreSql;

/// <summary>
/// Every statement of a PostgreSQL round: the reads the SQLite path runs too (<see cref="RoundSql"/>,
/// <see cref="AccountColumns"/>), the reads of a round's phones at once, and its writes, each of many rows at once
/// (<see cref="PostgreSqlRowsSql"/>): the account and count writes, and each insert and update the row maps make,
/// built at its first use. Kept by the writer's database, used on its one thread.
/// </summary>
internal sealed class PostgreSqlWriteStatements
{
    private static readonly Dictionary<string, Type> VersionCheck = new() { ["$Id"] = typeof(long), ["$LoadedVersion"] = typeof(int) };
    private readonly Dictionary<(object Map, ulong Columns), PostgreSqlRowsStatement> _inserts = [];
    private readonly Dictionary<(object Map, ulong Columns), PostgreSqlRowsStatement> _updates = [];

    /// <summary>
    /// Sent as SQL rather than through Npgsql's transaction API, so that the round's first batch begins the transaction
    /// and takes the turn together, and its last one commits it with its writes.
    /// </summary>
    public PostgreSqlStatement BeginRound { get; } = new("BEGIN ISOLATION LEVEL SERIALIZABLE");

    public PostgreSqlStatement CommitRound { get; } = new("COMMIT");

    public PostgreSqlStatement RollBackRound { get; } = new("ROLLBACK");

    /// <summary>
    /// The round's second statement, sent in its first batch: it waits while another instance's round holds the turn, so
    /// the round's snapshot, taken by its next statement, sees what that round committed (ADR 0009). The batch is sent
    /// before the round's writes are staged, so the writes queued while it waits join the round (ADR 0011).
    /// </summary>
    public PostgreSqlStatement TakeTurn { get; } = new("LOCK TABLE \"WriteRoundTurns\" IN EXCLUSIVE MODE");

    public PostgreSqlStatement TokenById { get; } = new(RoundSql.TokenById);
    public PostgreSqlStatement NewestToken { get; } = new(RoundSql.NewestToken);
    public PostgreSqlStatement TokenByVerificationId { get; } = new(RoundSql.TokenByVerificationId);
    public PostgreSqlStatement UsableTokens { get; } = new(RoundSql.UsableTokens);
    public PostgreSqlStatement CreationTimes { get; } = new(RoundSql.CreationTimes);
    public PostgreSqlStatement Counts { get; } = new(RoundSql.Counts);
    public PostgreSqlRowsStatement AddCounts { get; } = new(
        PostgreSqlRowsSql.Insert(RoundSql.CountsTable, RoundSql.CountValues, RoundSql.AddedToExisting), RoundSql.CountParameterTypes);
    public PostgreSqlStatement FindUser { get; } = new(AccountColumns.FindByNameSql);
    public PostgreSqlStatement FindUserById { get; } = new(AccountColumns.FindByIdSql);
    public PostgreSqlRowsStatement AddUsers { get; } = new(PostgreSqlRowsSql.Insert("\"AspNetUsers\"", AccountColumns.NewUserValues), AccountColumns.ParameterTypes);
    public PostgreSqlRowsStatement RecordSignIns { get; } = new(
        PostgreSqlRowsSql.Update("\"AspNetUsers\"", AccountColumns.SignInValues, AccountColumns.ById), AccountColumns.ParameterTypes);
    public PostgreSqlRowsStatement ChangePhones { get; } = new(
        PostgreSqlRowsSql.Update("\"AspNetUsers\"", AccountColumns.PhoneChangeValues, AccountColumns.ById), AccountColumns.ParameterTypes);
    public PostgreSqlStatement RefreshTokenByHash { get; } = new(RoundSql.RefreshTokenByHash);
    public PostgreSqlStatement RefreshFamily { get; } = new(RoundSql.RefreshFamily);
    public PostgreSqlStatement UnrevokedRefreshTokens { get; } = new(RoundSql.UnrevokedRefreshTokens);

    /// <summary>Every token of the round's phones, on the (PhoneNumber, CreatedAt) index (see <see cref="PhoneReadAhead"/>).</summary>
    public PostgreSqlStatement TokensOfPhones { get; } = new($"SELECT {OtpTokenColumns.Map.SelectList} FROM \"OtpTokens\" WHERE \"PhoneNumber\" = ANY($phones)");

    /// <summary>The accounts of the round's phones, on the unique index of their normalised names.</summary>
    public PostgreSqlStatement UsersByName { get; } = new($"SELECT {AccountColumns.UserSelectList} FROM \"AspNetUsers\" WHERE \"NormalizedUserName\" = ANY($names)");

    /// <summary>Several scopes' minutes at once, each from its own minute, on the primary key (Scope, Key, MinuteStart).</summary>
    public PostgreSqlStatement CountsOfScopes { get; } = new(
        "SELECT c.\"Scope\", c.\"Key\", c.\"MinuteStart\", c.\"Count\" FROM unnest($scopes::text[], $keys::text[], $froms::bigint[]) AS w(scope, key, from_minute) " +
        "JOIN \"LimitCounts\" AS c ON c.\"Scope\" = w.scope AND c.\"Key\" = w.key AND c.\"MinuteStart\" >= w.from_minute");

    /// <summary>Every read a round may make, for checking their plans.</summary>
    public IEnumerable<PostgreSqlStatement> Reads =>
    [
        TokenById, NewestToken, TokenByVerificationId, UsableTokens, CreationTimes, Counts, FindUser, FindUserById,
        RefreshTokenByHash, RefreshFamily, UnrevokedRefreshTokens, TokensOfPhones, UsersByName, CountsOfScopes,
    ];

    /// <summary>Inserts rows with the <paramref name="columns"/> given (the rest are NULL), returning the ids the database gives them in the rows' order.</summary>
    public PostgreSqlRowsStatement Inserts<T>(ColumnMap<T> map, ulong columns)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (!_inserts.TryGetValue((map, columns), out var insert))
            _inserts.Add((map, columns), insert = new PostgreSqlRowsStatement(PostgreSqlRowsSql.Insert(map.Table, map.Values(columns), "RETURNING \"Id\""), TypesOf(map)));

        return insert;
    }

    /// <summary>Sets the <paramref name="changed"/> columns of rows that still have the version they were read with.</summary>
    public PostgreSqlRowsStatement Updates<T>(ColumnMap<T> map, ulong changed)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (!_updates.TryGetValue((map, changed), out var update))
        {
            var sql = PostgreSqlRowsSql.Update(map.Table, map.Values(changed), [("Id", "$Id"), ("Version", "$LoadedVersion")]);
            _updates.Add((map, changed), update = new PostgreSqlRowsStatement(sql, TypesOf(map)));
        }

        return update;
    }

    private static Dictionary<string, Type> TypesOf<T>(ColumnMap<T> map)
    {
        var types = new Dictionary<string, Type>(VersionCheck);
        for (var i = 0; i < map.Stored.Count; i++)
            types.Add(map.Parameter(i), map.Stored[i].Type);
        return types;
    }
}
