using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

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
    /// happen many times in a row, and each try is short.
    /// </summary>
    public const int MaxRetryCount = 20;

    /// <summary>
    /// The wait before a retry: none the first time, then a few milliseconds at random. The winner has committed by
    /// the time the loser is refused, so a prompt retry usually passes; the random part keeps two instances from
    /// colliding again in step. EF's own backoff grows towards a second, and while it waits the instance's single
    /// writer holds every write queued behind the round: the other instance's rounds win meanwhile, and this
    /// instance's requests time out as busy.
    /// </summary>
    public static TimeSpan DelayBefore(int retry, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return retry <= 1 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(random.Next(MinDelayMilliseconds, MaxDelayMilliseconds + 1));
    }

    public const int MinDelayMilliseconds = 2;
    public const int MaxDelayMilliseconds = 25;

    /// <summary>Npgsql's retrying strategy with <see cref="DelayBefore"/> in place of EF's exponential backoff.</summary>
    public sealed class Strategy(ExecutionStrategyDependencies dependencies) : NpgsqlRetryingExecutionStrategy(
        dependencies, PostgreSqlRetries.MaxRetryCount, TimeSpan.FromMilliseconds(MaxDelayMilliseconds), SqlStates)
    {
        protected override TimeSpan? GetNextDelay(Exception lastException) =>
            base.GetNextDelay(lastException) is null ? null : DelayBefore(ExceptionsEncountered.Count, Random.Shared);
    }
}
