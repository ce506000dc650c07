using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Ef;

/// <summary>Rounds through EF Core, for any provider (PostgreSQL and SQL Server): one context per round.</summary>
internal sealed class EfWriteDatabase(IServiceScopeFactory scopes, PhoneAccounts accounts) : IWriteDatabase
{
    public async Task RunRoundAsync(Func<WriteRound, CancellationToken, Task> stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PilitoDbContext>();
        // EF wraps each SaveChanges inside a transaction in a savepoint, two more round trips a write, so that a failed
        // save could be undone alone. A round never continues after a failure: it is rolled back whole and run again
        // (the writer drops a write that failed on its own), so the savepoints would only cost time.
        db.Database.AutoSavepointsEnabled = false;
        // The round saves when it must (EfWriteRound) and looks for changes then; otherwise each lookup of a tracked
        // entity would compare every entity the round tracks.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear(); // a retried round starts from the database, not from the failed attempt
            // Serializable: range locks on SQL Server, predicate locks (SSI) on PostgreSQL, so two instances cannot
            // both count the same window and both insert; the loser (a deadlock victim, or 40001 on PostgreSQL) is
            // retried by the execution strategy, round and all (PostgreSqlRetries).
            using var transaction = db.Database.BeginTransaction(IsolationLevel.Serializable);
            var round = new EfWriteRound(db, accounts);
            await stage(round, ct);
            await round.FlushCountsAsync(ct);
            transaction.Commit();
        }, cancellationToken);
    }
}
