using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pilito.Infrastructure.Persistence;

/// <summary>
/// Sets each SQLite connection up for many concurrent writers: write-ahead log (readers never block the writer),
/// a busy timeout (writers queue instead of failing), and the configured sync (full by default, so an answered
/// request survives a crash and a power cut).
/// </summary>
internal sealed class SqlitePragmas(DatabaseOptions options) : DbConnectionInterceptor
{
    private readonly string _sql = WriterSql(options);

    // EF opens a read-only connection to test whether the database exists (CanConnect, migrate); such a connection
    // cannot switch a database that is not yet in WAL mode (one made by another tool), so it leaves the journal alone.
    private readonly string _readOnlySql = string.Create(CultureInfo.InvariantCulture,
        $"PRAGMA busy_timeout={(int)options.SqliteBusyTimeout.TotalMilliseconds};");

    // Every pooled open comes through here: parse each connection string (there are two) once, not per open.
    private readonly ConcurrentDictionary<string, string> _sqlByConnectionString = new(StringComparer.Ordinal);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = SqlFor(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlFor(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>What every read-write connection runs when it opens, EF's or the group-commit writer's own.</summary>
    public static string WriterSql(DatabaseOptions options) => string.Create(CultureInfo.InvariantCulture,
        $"PRAGMA journal_mode=WAL; PRAGMA synchronous={Synchronous(options.SqliteSynchronous)}; PRAGMA busy_timeout={(int)options.SqliteBusyTimeout.TotalMilliseconds};");

    private static string Synchronous(SqliteSynchronous mode) => mode switch
    {
        SqliteSynchronous.Normal => "NORMAL",
        _ => "FULL",
    };

    private string SqlFor(DbConnection connection) => _sqlByConnectionString.GetOrAdd(connection.ConnectionString,
        connectionString => new SqliteConnectionStringBuilder(connectionString).Mode == SqliteOpenMode.ReadOnly ? _readOnlySql : _sql);
}
