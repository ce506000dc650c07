using System.Data;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>
/// Group commit for the OTP write path. Requests queue their writes; one loop per process takes whatever is queued
/// (up to Database:MaxWritesPerCommit), stages it in one serializable transaction and commits once, then gives each
/// request its own answer. SQLite pays one journal sync per round instead of one per request, and the requests of
/// a process no longer queue for SQLite's write lock (each wait would hold a thread). Correctness still comes from
/// the transaction: processes sharing the database serialize on it as before.
/// </summary>
internal sealed partial class GroupCommitWriter(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> options,
    ILogger<GroupCommitWriter> logger) : BackgroundService
{
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues the write; completes once it is committed (or failed with the round's error).</summary>
    public Task<TResult> WriteAsync<TResult>(PendingWrite<TResult> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!_queue.Writer.TryWrite(write))
            write.Fail(new WriterStoppedException());
        return write.Completion;
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // Writes already queued are committed and answered; the loop ends when the queue is empty.
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var maxPerRound = options.Value.MaxWritesPerCommit;
        var round = new List<PendingWrite>(maxPerRound);
        while (round.Count > 0 || await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (round.Count < maxPerRound && _queue.Reader.TryRead(out var write))
                round.Add(write);
            var deferred = await RunRoundAsync(round);
            round.Clear();
            round.AddRange(deferred);
        }
    }

    /// <summary>Commits the round and answers its writes; returns the writes that wait for the next round.</summary>
    private async Task<List<PendingWrite>> RunRoundAsync(List<PendingWrite> writes)
    {
        while (writes.Count > 0)
        {
            try
            {
                var deferred = await CommitAsync(writes);
                foreach (var write in writes)
                {
                    if (!deferred.Contains(write))
                        write.Publish();
                }

                return deferred;
            }
            catch (StagingFailedException failed)
            {
                // One write's own fault (not the database's): it alone fails; the others go again without it.
                LogStagingFailed(failed.InnerException!);
                failed.Write.Fail(failed.InnerException!);
                writes.Remove(failed.Write);
            }
            catch (Exception e)
            {
                // Nothing of the round was committed: every request in it answers with the database fault.
                LogRoundFailed(e, writes.Count);
                foreach (var write in writes)
                    write.Fail(e);
                return [];
            }
        }

        return [];
    }

    private async Task<List<PendingWrite>> CommitAsync(List<PendingWrite> writes)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PilitoDbContext>();
        var deferred = new List<PendingWrite>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear(); // a retried round starts from the database, not from the failed attempt
            deferred.Clear();
            var round = new WriteRound(db);
            // Serializable: BEGIN IMMEDIATE on SQLite (one writer at a time, across processes); range locks on SQL
            // Server, where a deadlock victim is retried by the execution strategy, round and all.
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            foreach (var write in writes)
            {
                if (!await StageAsync(write, round, ct))
                    deferred.Add(write);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, CancellationToken.None);
        return deferred;
    }

    private static async Task<bool> StageAsync(PendingWrite write, WriteRound round, CancellationToken cancellationToken)
    {
        try
        {
            return await write.StageAsync(round, cancellationToken);
        }
        catch (Exception e) when (!DatabaseFaults.IsDatabaseFault(e))
        {
            throw new StagingFailedException(write, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A queued database write failed; the rest of its round goes ahead")]
    private partial void LogStagingFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A write round of {Count} requests failed; none of it was committed")]
    private partial void LogRoundFailed(Exception exception, int count);

    private sealed class StagingFailedException(PendingWrite write, Exception inner)
        : Exception("A queued write failed while being staged.", inner)
    {
        public PendingWrite Write { get; } = write;
    }
}
