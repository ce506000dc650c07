namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>The database as the writer uses it: one transaction per round, committed after staging.</summary>
internal interface IWriteDatabase
{
    /// <summary>
    /// Begins a serializable transaction, lets <paramref name="stage"/> run writes in the round, stores the round's
    /// send counts and commits. <paramref name="stage"/> runs once the round may go ahead (on PostgreSQL, once it
    /// holds the turn), so the writer can add the writes that queued while it waited. May run <paramref name="stage"/>
    /// again on a fresh round if the provider's execution strategy retries (a SQL Server deadlock victim).
    /// </summary>
    Task RunRoundAsync(Func<WriteRound, CancellationToken, Task> stage, CancellationToken cancellationToken);
}
