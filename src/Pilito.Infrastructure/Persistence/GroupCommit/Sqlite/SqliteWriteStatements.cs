using Microsoft.Data.Sqlite;
using Pilito.Domain.Otp;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Sqlite;

/// <summary>
/// The writer's own SQLite connection and every statement of a round, prepared once on it (docs/decisions). Rows are
/// stored as EF Core stores them (instants as <see cref="UtcTicksConverter"/> ticks, GUIDs as upper-case text,
/// booleans as 0/1), so EF reads back what these write.
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
        var tokens = $"SELECT {OtpTokenColumns.Map.SelectList} FROM OtpTokens";
        TokenById = Prepare($"{tokens} WHERE Id = $id");
        TokenByVerificationId = Prepare($"{tokens} WHERE PhoneNumber = $phone AND VerificationId = $verificationId ORDER BY CreatedAt DESC, Id DESC LIMIT 1");
        NewestToken = Prepare($"{tokens} WHERE PhoneNumber = $phone ORDER BY CreatedAt DESC, Id DESC LIMIT 1");
        UsableTokens = Prepare($"{tokens} WHERE PhoneNumber = $phone AND Status IN ({string.Join(", ", UsableStatusParameters)})");
        CreationTimes = Prepare("SELECT CreatedAt FROM OtpTokens WHERE PhoneNumber = $phone AND CreatedAt > $since ORDER BY CreatedAt");
        Counts = Prepare("SELECT MinuteStart, Count FROM LimitCounts WHERE Scope = $scope AND Key = $key AND MinuteStart >= $from");
        AddCount = Prepare(
            "INSERT INTO LimitCounts (Scope, Key, MinuteStart, Count) VALUES ($scope, $key, $minute, $added) " +
            "ON CONFLICT (Scope, Key, MinuteStart) DO UPDATE SET Count = Count + excluded.Count");
        FindUser = Prepare($"SELECT {AccountColumns.UserSelectList} FROM AspNetUsers WHERE NormalizedUserName = $name");
        FindUserById = Prepare($"SELECT {AccountColumns.UserSelectList} FROM AspNetUsers WHERE Id = $id");
        AddUser = Prepare(
            "INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, PhoneNumber, PhoneNumberConfirmed, SecurityStamp, " +
            "ConcurrencyStamp, LockoutEnabled, EmailConfirmed, TwoFactorEnabled, AccessFailedCount, DateJoined, LastLoginAt) " +
            "VALUES ($id, $userName, $normalizedUserName, $phone, $phoneConfirmed, $securityStamp, $concurrencyStamp, " +
            "$lockoutEnabled, 0, 0, 0, $dateJoined, $lastLoginAt)");
        RecordSignIn = Prepare("UPDATE AspNetUsers SET LastLoginAt = $at, ConcurrencyStamp = $concurrencyStamp WHERE Id = $id");
        // The unique index on NormalizedUserName refuses a name another account holds: the handler's check is first.
        ChangePhone = Prepare(
            "UPDATE AspNetUsers SET UserName = $userName, NormalizedUserName = $normalizedUserName, PhoneNumber = $phone, " +
            "PhoneNumberConfirmed = $phoneConfirmed, SecurityStamp = $securityStamp, ConcurrencyStamp = $concurrencyStamp WHERE Id = $id");
        var refreshTokens = $"SELECT {RefreshTokenColumns.Map.SelectList} FROM RefreshTokens";
        RefreshTokenByHash = Prepare($"{refreshTokens} WHERE TokenHash = $hash");
        RefreshFamily = Prepare($"{refreshTokens} WHERE FamilyId = $familyId");
        UnrevokedRefreshTokens = Prepare($"{refreshTokens} WHERE UserId = $userId AND RevokedAt IS NULL");
    }

    /// <summary>One parameter per status of <see cref="OtpToken.UsableStatuses"/>: the domain names them, not the SQL.</summary>
    public static IReadOnlyList<string> UsableStatusParameters { get; } = OtpToken.UsableStatuses.Select((_, i) => $"$usable{i}").ToList();

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
