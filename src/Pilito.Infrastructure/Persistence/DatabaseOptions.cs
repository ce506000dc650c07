using System.ComponentModel.DataAnnotations;

namespace Pilito.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,

    /// <summary>PostgreSQL (Npgsql); configured as <c>PostgreSQL</c> (the binder ignores case).</summary>
    PostgreSql,
}

/// <summary>SQLite's <c>synchronous</c> setting for a database in WAL mode (docs/performance.md, "Durability").</summary>
public enum SqliteSynchronous
{
    /// <summary>Every commit waits for the disk: an answered request survives a crash of the process and a power cut.</summary>
    Full,

    /// <summary>
    /// Commits wait for the operating system only (the disk is synced at checkpoints): an answered request survives a
    /// crash of the process, but a power cut or kernel crash can lose the last commits before the next checkpoint.
    /// </summary>
    Normal,
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
    /// Full (the default) or Normal. Normal trades power-cut durability for speed on disks whose sync is slow: each
    /// write round then commits without waiting for the disk.
    /// </summary>
    [EnumDataType(typeof(SqliteSynchronous))]
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>
    /// Most OTP writes (new codes, delivery answers) one commit takes. Writes queue while a commit runs and the next
    /// commit takes them all, so a burst costs one journal sync per round, not one per request (docs/performance.md).
    /// </summary>
    [Range(1, 10_000)]
    public int MaxWritesPerCommit { get; set; } = 256;

    /// <summary>
    /// Most requests' writes waiting to be taken into a commit; past it a write is refused at once as busy (503). Far
    /// above what a burst queues (the writer takes up to <see cref="MaxWritesPerCommit"/> a round, many rounds a
    /// second), so only a flood or a stalled database fills it, and then it keeps the backlog, and its memory, bounded.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxQueuedWrites { get; set; } = 4096;

    /// <summary>
    /// How long a request's write may wait to be taken into a commit before it is refused as busy (503): while the
    /// database is slow or locked, requests are answered instead of piling up behind it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.01", "00:10:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan WriteQueueTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
