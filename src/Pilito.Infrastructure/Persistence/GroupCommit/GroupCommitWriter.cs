using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Telemetry;
using Pilito.Application.Common.Writes;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>
/// Group commit for the OTP write path: the <see cref="IOtpWriter"/> every handler writes through. Requests queue
/// their writes; one loop per process takes whatever is queued (up to Database:MaxWritesPerCommit), stages it in one
/// serializable transaction and commits once, then gives each request its own answer. SQLite pays one journal sync per round instead of one per request, and the requests of
/// a process no longer queue for SQLite's write lock (each wait would hold a thread). Correctness still comes from
/// the transaction: processes sharing the database serialize on it as before.
/// </summary>
internal sealed partial class GroupCommitWriter : BackgroundService, IOtpWriter
{
    private readonly Channel<QueuedWrite> _queue = Channel.CreateUnbounded<QueuedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IWriteDatabase _database;
    private readonly IOptions<DatabaseOptions> _options;
    private readonly ILogger<GroupCommitWriter> _logger;
    private readonly Histogram<int> _roundSizes;
    private int _waiting;

    public GroupCommitWriter(IWriteDatabase database, IOptions<DatabaseOptions> options, IMeterFactory meters, ILogger<GroupCommitWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _database = database;
        _options = options;
        _logger = logger;
        var meter = meters.Create(OtpMetrics.MeterName); // exported with Pilito's other instruments, as pilito_db_*
        _roundSizes = meter.CreateHistogram<int>("pilito.db.write_round.writes", description: "Requests' writes committed together in one transaction");
        meter.CreateObservableGauge("pilito.db.writes.waiting", () => Volatile.Read(ref _waiting), description: "Requests' writes queued or in a round not yet committed");
    }

    public Task<TResult> RunAsync<TResult>(PhoneNumber? phone, Func<IOtpTransaction, CancellationToken, Task<TResult>> work)
    {
        var write = new QueuedWrite<TResult>(phone, work);
        Interlocked.Increment(ref _waiting);
        if (!_queue.Writer.TryWrite(write))
            Answer(write, new WriterStoppedException());
        return write.Completion;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Writes already queued are committed and answered; the loop ends when the queue is empty.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        // A stop that comes before the loop has started cancels the loop unrun: its writes must still be answered.
        if (ExecuteTask is { IsCompleted: true })
            await CommitQueuedAsync();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => CommitQueuedAsync();

    private async Task CommitQueuedAsync()
    {
        var maxPerRound = _options.Value.MaxWritesPerCommit;
        var round = new List<QueuedWrite>(maxPerRound);
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
    private async Task<List<QueuedWrite>> RunRoundAsync(List<QueuedWrite> writes)
    {
        while (writes.Count > 0)
        {
            try
            {
                var deferred = await CommitAsync(writes);
                _roundSizes.Record(writes.Count - deferred.Count);
                foreach (var write in writes)
                {
                    if (!deferred.Contains(write))
                        Answer(write, null);
                }

                return deferred;
            }
            catch (StagingFailedException failed)
            {
                // One write's own fault (not the database's): it alone fails; the others go again without it.
                LogStagingFailed(failed.InnerException!);
                Answer(failed.Write, failed.InnerException!);
                writes.Remove(failed.Write);
            }
            catch (Exception e)
            {
                // Nothing of the round was committed: every request in it answers with the database fault.
                LogRoundFailed(e, writes.Count);
                foreach (var write in writes)
                    Answer(write, e);
                return [];
            }
        }

        return [];
    }

    private async Task<List<QueuedWrite>> CommitAsync(List<QueuedWrite> writes)
    {
        var deferred = new List<QueuedWrite>();
        await _database.RunRoundAsync(async (round, ct) =>
        {
            deferred.Clear(); // a retried round stages every write again
            foreach (var write in writes)
            {
                if (!await StageAsync(write, round, ct))
                    deferred.Add(write);
            }
        }, CancellationToken.None);
        return deferred;
    }

    private void Answer(QueuedWrite write, Exception? failure)
    {
        Interlocked.Decrement(ref _waiting);
        if (failure is null)
            write.Publish();
        else
            write.Fail(failure);
    }

    private static async Task<bool> StageAsync(QueuedWrite write, WriteRound round, CancellationToken cancellationToken)
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

    private sealed class StagingFailedException(QueuedWrite write, Exception inner)
        : Exception("A queued write failed while being staged.", inner)
    {
        public QueuedWrite Write { get; } = write;
    }
}
