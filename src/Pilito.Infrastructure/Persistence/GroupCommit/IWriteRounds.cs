namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>Runs write rounds against the database: one transaction per round, committed after staging.</summary>
internal interface IWriteRounds
{
    /// <summary>
    /// Begins a serializable transaction, lets <paramref name="stage"/> read and change through the round, writes the
    /// round's send counts and commits. May run <paramref name="stage"/> again on a fresh round if the provider's
    /// execution strategy retries (a SQL Server deadlock victim).
    /// </summary>
    Task RunAsync(Func<WriteRound, CancellationToken, Task> stage, CancellationToken cancellationToken);
}
