namespace Pilito.Infrastructure.Persistence;

/// <summary>
/// How the EF write path retries on PostgreSQL. Its rounds run SERIALIZABLE (serializable snapshot isolation): two
/// instances that read the same window (a phone's codes, a count, a token) and both write are not both committed; one
/// fails with 40001 (serialization_failure), or 40P01 (deadlock_detected) when row locks cross. Its whole round is
/// then run again from the start by the execution strategy, reading what the winner committed. Npgsql already counts
/// both as transient; they are named here so the guarantee does not rest on that list.
/// </summary>
internal static class PostgreSqlRetries
{
    public const string SerializationFailure = "40001";
    public const string DeadlockDetected = "40P01";

    public static readonly string[] SqlStates = [SerializationFailure, DeadlockDetected];

    /// <summary>
    /// A round loses only to another instance's round on the same rows; under a burst across instances that can
    /// happen several times in a row, so more tries than EF's default six, each waiting less.
    /// </summary>
    public const int MaxRetryCount = 10;

    /// <summary>The first retry is immediate, later ones back off up to this, with jitter (EF's exponential delay).</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);
}
