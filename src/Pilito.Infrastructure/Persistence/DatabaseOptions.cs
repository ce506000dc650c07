using System.ComponentModel.DataAnnotations;

namespace Pilito.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Pilito";
    public const string DefaultSqliteConnectionString = "Data Source=pilito.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>How long SQLite waits for another writer (another request or another process) before giving up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most OTP writes (new codes, delivery answers) one commit takes. Writes queue while a commit runs and the next
    /// commit takes them all, so a burst costs one journal sync per round, not one per request (docs/performance.md).
    /// </summary>
    [Range(1, 10_000)]
    public int MaxWritesPerCommit { get; set; } = 256;
}
