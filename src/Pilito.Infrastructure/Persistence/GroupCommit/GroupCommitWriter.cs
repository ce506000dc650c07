using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Errors;
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
/// <remarks>
/// The queue is bounded (Database:MaxQueuedWrites) and so is a write's wait to be staged (Database:WriteQueueTimeout):
/// a flood or a stalled database is answered busy, never a growing backlog or a request that hangs. A write whose
/// caller cancels before it is staged is dropped unrun.
/// </remarks>
internal sealed partial class GroupCommitWriter : BackgroundService, IOtpWriter
{
    /// <summary>
    /// Retry-After of a busy answer: a full queue drains in well under a second once a flood stops, and a client told
    /// to wait a little does not come straight back into it.
    /// </summary>
    private static readonly TimeSpan BusyRetryAfter = TimeSpan.FromSeconds(2);

    private readonly Channel<QueuedWrite> _queue;
    private readonly IWriteDatabase _database;
    private readonly IOptions<DatabaseOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<GroupCommitWriter> _logger;
    private readonly Histogram<int> _roundSizes;
    private readonly Action<QueuedWrite> _withdraw;
    private int _waiting;
    private volatile bool _stopping;

    public GroupCommitWriter(IWriteDatabase database, IOptions<DatabaseOptions> options, TimeProvider clock, IMeterFactory meters, ILogger<GroupCommitWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        _database = database;
        _options = options;
        _clock = clock;
        _logger = logger;
        _withdraw = Withdraw;
        _queue = Channel.CreateBounded<QueuedWrite>(new BoundedChannelOptions(options.Value.MaxQueuedWrites) { SingleReader = true });
        var meter = meters.Create(OtpMetrics.MeterName); // exported with Pilito's other instruments, as pilito_db_*
        _roundSizes = meter.CreateHistogram<int>("pilito.db.write_round.writes", description: "Requests' writes committed together in one transaction");
        meter.CreateObservableGauge("pilito.db.writes.waiting", () => Volatile.Read(ref _waiting), description: "Requests' writes queued or in a round not yet committed");
    }

    public Task<TResult> RunAsync<TResult>(PhoneNumber? phone, Func<IOtpTransaction, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken) =>
        RunAsync(phone, [], work, cancellationToken);

    public Task<TResult> RunAsync<TResult>(
        PhoneNumber? phone, IReadOnlyList<CountRead> counts, Func<IOtpTransaction, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(work);
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<TResult>(cancellationToken);

        var write = new QueuedWrite<TResult>(phone, claimsPhone: true, work, cancellationToken) { Counts = counts };
        Interlocked.Increment(ref _waiting);
        write.Watch(_clock, _options.Value.WriteQueueTimeout, _withdraw); // before it is queued: the loop may take it at once
        if (!_queue.Writer.TryWrite(write))
            Refuse(write);
        return write.Completion;
    }

    public async Task<TResult> RunFollowUpAsync<TResult>(PhoneNumber? phone, Func<IOtpTransaction, CancellationToken, Task<TResult>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var write = new QueuedWrite<TResult>(phone, claimsPhone: false, work, CancellationToken.None);
        Interlocked.Increment(ref _waiting);
        try
        {
            // A bounded channel hands room to waiting writers before TryWrite gets any: follow-ups go first.
            await _queue.Writer.WriteAsync(write);
        }
        catch (ChannelClosedException)
        {
            Refuse(write); // stopping
        }

        return await write.Completion;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Writes already queued are committed and answered; the loop ends when the queue is empty.
        _stopping = true;
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
            // The last round's deferred writes come first. Of those only one per phone can be staged, so only that
            // many count against the round's size: a phone flooded from many connections takes one write a round,
            // not the whole round, and everyone else's writes still get in.
            round.RemoveAll(w => w.IsWithdrawn); // deferred, then withdrawn meanwhile: answered already
            TakeQueued(round, maxPerRound - PhonesOf(round));

            var deferred = await RunRoundAsync(round);
            round.Clear();
            round.AddRange(deferred);
        }
    }

    /// <summary>Moves up to <paramref name="free"/> queued writes into the round, skipping those answered already.</summary>
    private void TakeQueued(List<QueuedWrite> round, int free)
    {
        while (free > 0 && _queue.Reader.TryRead(out var write))
        {
            if (write.IsWithdrawn)
                continue; // answered already: its caller cancelled or it waited too long
            round.Add(write);
            free--;
        }
    }

    /// <summary>How many of the round's writes can be staged in it at most: one per phone (a write without a phone is never deferred).</summary>
    private static int PhonesOf(List<QueuedWrite> writes) => writes.Count == 0 ? 0 : writes.Select(w => w.Phone).Distinct().Count();

    /// <summary>Commits the round and answers its writes; returns the writes that wait for the next round.</summary>
    private async Task<List<QueuedWrite>> RunRoundAsync(List<QueuedWrite> writes)
    {
        while (writes.Count > 0)
        {
            try
            {
                var (staged, deferred) = await CommitAsync(writes);
                _roundSizes.Record(staged.Count);
                foreach (var write in staged)
                    Answer(write, null);
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
                // Nothing of the round was committed: every request in it answers with the database fault (a
                // deferred write too, unless its caller withdrew it meanwhile).
                LogRoundFailed(e, writes.Count);
                foreach (var write in writes)
                {
                    if (write.TryTake())
                        Answer(write, e);
                }

                return [];
            }
        }

        return [];
    }

    private async Task<(List<QueuedWrite> Staged, List<QueuedWrite> Deferred)> CommitAsync(List<QueuedWrite> writes)
    {
        var staged = new List<QueuedWrite>(writes.Count);
        var deferred = new List<QueuedWrite>();
        await _database.RunRoundAsync(async (round, ct) =>
        {
            // The round may have waited to begin (on PostgreSQL, for another instance's turn): the writes queued
            // meanwhile join it now, while it still has places, rather than wait for the next round.
            TakeQueued(writes, _options.Value.MaxWritesPerCommit - writes.Count);
            staged.Clear(); // a retried round stages every write again
            deferred.Clear();
            round.WillRead(writes.Select(w => w.ReadsPhone));
            round.WillCount(writes.SelectMany(w => w.Counts));
            foreach (var write in writes)
            {
                switch (await StageAsync(write, round, ct))
                {
                    case Staging.Staged:
                        staged.Add(write);
                        break;
                    case Staging.Deferred:
                        deferred.Add(write);
                        break;
                }
            }
        }, CancellationToken.None);
        return (staged, deferred);
    }

    /// <summary>The caller cancelled, or the deadline passed, perhaps before the write was staged.</summary>
    private void Withdraw(QueuedWrite write)
    {
        if (!write.TryWithdraw())
            return; // staged first: it commits with its round
        Interlocked.Decrement(ref _waiting);
        if (write.CallerCancelled)
        {
            write.Cancel();
            return;
        }

        LogWaitedTooLong(_options.Value.WriteQueueTimeout, Volatile.Read(ref _waiting));
        write.Fail(new ServiceBusyException(BusyRetryAfter));
    }

    /// <summary>The queue took no more: it is full, or the writer is stopping.</summary>
    private void Refuse(QueuedWrite write)
    {
        if (!write.TryWithdraw())
            return; // its caller cancelled meanwhile: answered
        Interlocked.Decrement(ref _waiting);
        if (_stopping)
        {
            write.Fail(new WriterStoppedException());
            return;
        }

        LogQueueFull(_options.Value.MaxQueuedWrites);
        write.Fail(new ServiceBusyException(BusyRetryAfter));
    }

    private void Answer(QueuedWrite write, Exception? failure)
    {
        Interlocked.Decrement(ref _waiting);
        if (failure is null)
            write.Publish();
        else
            write.Fail(failure);
    }

    private static async Task<Staging> StageAsync(QueuedWrite write, WriteRound round, CancellationToken cancellationToken)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A write was refused as busy: {Max} writes were already queued (Database:MaxQueuedWrites)")]
    private partial void LogQueueFull(int max);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A write was refused as busy: it was not staged within {Timeout} (Database:WriteQueueTimeout); {Waiting} writes waiting")]
    private partial void LogWaitedTooLong(TimeSpan timeout, int waiting);

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
