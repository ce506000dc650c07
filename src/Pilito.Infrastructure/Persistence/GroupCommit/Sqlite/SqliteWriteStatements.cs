using Microsoft.Data.Sqlite;
using Pilito.Infrastructure.Persistence.GroupCommit.Rows;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Sqlite;

/// <summary>
/// The writer's own SQLite connection and every statement of a round (<see cref="RoundSql"/>, the row maps), prepared
/// once on it (docs/decisions). Rows are stored as EF Core stores them (instants as <see cref="UtcTicksConverter"/>
/// ticks, GUIDs as upper-case text, booleans as 0/1), so EF reads back what these write.
/// </summary>
internal sealed class SqliteWriteStatements : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly List<SqliteStatement> _all = [];
    private readonly Dictionary<(object Map, ulong Columns), SqliteStatement> _inserts = [];
    private readonly Dictionary<(object Map, ulong Columns), SqliteStatement> _updates = [];
    private SqliteTransaction? _transaction;

    private SqliteWriteStatements(SqliteConnection connection)
    {
        _connection = connection;
        TokenById = Prepare(RoundSql.TokenById);
        TokenByVerificationId = Prepare(RoundSql.TokenByVerificationId);
        NewestToken = Prepare(RoundSql.NewestToken);
        UsableTokens = Prepare(RoundSql.UsableTokens);
        CreationTimes = Prepare(RoundSql.CreationTimes);
        Counts = Prepare(RoundSql.Counts);
        AddCount = Prepare(RoundSql.AddCount);
        FindUser = Prepare(AccountColumns.FindByNameSql);
        FindUserById = Prepare(AccountColumns.FindByIdSql);
        AddUser = Prepare(AccountColumns.AddUserSql);
        RecordSignIn = Prepare(AccountColumns.RecordSignInSql);
        ChangePhone = Prepare(AccountColumns.ChangePhoneSql);
        RefreshTokenByHash = Prepare(RoundSql.RefreshTokenByHash);
        RefreshFamily = Prepare(RoundSql.RefreshFamily);
        UnrevokedRefreshTokens = Prepare(RoundSql.UnrevokedRefreshTokens);
    }

    public SqliteStatement TokenById { get; }
    public SqliteStatement NewestToken { get; }
    public SqliteStatement TokenByVerificationId { get; }
    public SqliteStatement UsableTokens { get; }
    public SqliteStatement CreationTimes { get; }
    public SqliteStatement Counts { get; }
    public SqliteStatement AddCount { get; }
    public SqliteStatement FindUser { get; }
    public SqliteStatement FindUserById { get; }
    public SqliteStatement AddUser { get; }
    public SqliteStatement RecordSignIn { get; }
    public SqliteStatement ChangePhone { get; }
    public SqliteStatement RefreshTokenByHash { get; }
    public SqliteStatement RefreshFamily { get; }
    public SqliteStatement UnrevokedRefreshTokens { get; }

    /// <summary>The insert of a row with these <paramref name="columns"/> into <paramref name="map"/>'s table, prepared at its first use.</summary>
    public SqliteStatement Insert<T>(ColumnMap<T> map, ulong columns)
    {
        ArgumentNullException.ThrowIfNull(map);
        return _inserts.TryGetValue((map, columns), out var insert) ? insert : Keep(_inserts, (map, columns), map.InsertSql(columns));
    }

    /// <summary>The update of <paramref name="changed"/> columns of <paramref name="map"/>'s table, prepared at its first use.</summary>
    public SqliteStatement Update<T>(ColumnMap<T> map, ulong changed)
    {
        ArgumentNullException.ThrowIfNull(map);
        return _updates.TryGetValue((map, changed), out var update) ? update : Keep(_updates, (map, changed), map.UpdateSql(changed));
    }

    /// <summary>The open round's transaction, for running a statement in it.</summary>
    public SqliteTransaction Transaction => _transaction ?? throw new InvalidOperationException("No round is open on the writer's connection.");

    public static async Task<SqliteWriteStatements> OpenAsync(string connectionString, DatabaseOptions options, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = SqlitePragmas.WriterSql(options);
                await pragmas.ExecuteNonQueryAsync(cancellationToken);
            }

            return new SqliteWriteStatements(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// BEGIN IMMEDIATE (Microsoft.Data.Sqlite's serializable): the write lock is taken before anything is read, so
    /// nothing a round counts can change before its commit, whichever process writes next.
    /// </summary>
    public async Task BeginAsync(CancellationToken cancellationToken) =>
        _transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Transaction.CommitAsync(cancellationToken);
        await Transaction.DisposeAsync();
        _transaction = null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var statement in _all)
            await statement.DisposeAsync();
        if (_transaction is not null)
            await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    // A handful of column sets occur (a new token, a delivery answer, a wrong code, …): each is prepared once.
    private SqliteStatement Keep(Dictionary<(object Map, ulong Columns), SqliteStatement> cache, (object Map, ulong Columns) key, string sql)
    {
        var statement = Prepare(sql);
        cache.Add(key, statement);
        return statement;
    }

    private SqliteStatement Prepare(string sql)
    {
        var statement = new SqliteStatement(_connection, sql);
        _all.Add(statement);
        return statement;
    }
}
