using Pilito.Application.Common.Writes;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>
/// One request's write, queued for the writer. <see cref="StageAsync"/> runs inside the round's transaction (again,
/// from scratch, if the round is retried); the caller learns the result only once the round has committed.
/// </summary>
/// <remarks>
/// Until its work first runs in a round the write is waiting, and its caller may still withdraw it (cancelled, or
/// the writer's deadline passed); from then on it is taken, and only the round answers it. Whichever comes first
/// wins, once: a write is never both withdrawn and run.
/// </remarks>
internal abstract class QueuedWrite(PhoneNumber? phone, bool claimsPhone, CancellationToken callerToken)
{
    private const int Waiting = 0;
    private const int Taken = 1;
    private const int Withdrawn = 2;

    private int _state;
    private ITimer? _deadline;
    private CancellationTokenRegistration _cancellation;
    private Action<QueuedWrite>? _onLate;

    /// <summary>The phone this write claims in its round (no other write of that phone shares the round); null when it claims none.</summary>
    public PhoneNumber? Phone { get; } = claimsPhone ? phone : null;

    /// <summary>The phone whose rows the write reads, claimed or not: the round reads those of all its writes at once.</summary>
    public PhoneNumber? ReadsPhone { get; } = phone;

    /// <summary>The count windows the work said it will read: the round may read every write's at once.</summary>
    public IReadOnlyList<CountRead> Counts { get; init; } = [];

    /// <summary>True once the caller has given up (rather than the deadline passing).</summary>
    public bool CallerCancelled => CallerToken.IsCancellationRequested;

    protected CancellationToken CallerToken { get; } = callerToken;

    public bool IsWithdrawn => Volatile.Read(ref _state) == Withdrawn;

    /// <summary>
    /// Calls <paramref name="onLate"/> (once, on a timer or on the caller's cancellation) if the write is still waiting
    /// when <paramref name="timeout"/> has passed or the caller cancels.
    /// </summary>
    public void Watch(TimeProvider clock, TimeSpan timeout, Action<QueuedWrite> onLate)
    {
        _onLate = onLate;
        _deadline = clock.CreateTimer(static write => ((QueuedWrite)write!).Late(), this, timeout, Timeout.InfiniteTimeSpan);
        _cancellation = CallerToken.UnsafeRegister(static write => ((QueuedWrite)write!).Late(), this);
    }

    /// <summary>The round takes the write (true), or already has; false when it was withdrawn first.</summary>
    public bool TryTake()
    {
        var was = Interlocked.CompareExchange(ref _state, Taken, Waiting);
        if (was == Waiting)
            StopWatching();
        return was != Withdrawn;
    }

    /// <summary>Withdraws the waiting write (true); false when a round has taken it or it was withdrawn already.</summary>
    public bool TryWithdraw()
    {
        if (Interlocked.CompareExchange(ref _state, Withdrawn, Waiting) != Waiting)
            return false;
        StopWatching();
        return true;
    }

    /// <summary>Runs the work in the round and saves what it changed, unless it must wait for the next round or was withdrawn.</summary>
    public async Task<Staging> StageAsync(WriteRound round, CancellationToken cancellationToken)
    {
        if (Phone is not null && !round.TryClaimPhone(Phone))
            return Staging.Deferred; // still waiting: its caller may withdraw it until it runs
        // A write withdrawn just now has claimed its phone for nothing: the phone's next write waits one round more.
        if (!TryTake())
            return Staging.Withdrawn;
        await RunAsync(round, cancellationToken);
        return Staging.Staged;
    }

    public abstract void Publish();

    public abstract void Fail(Exception exception);

    public abstract void Cancel();

    protected abstract Task RunAsync(WriteRound round, CancellationToken cancellationToken);

    private void Late() => _onLate?.Invoke(this);

    private void StopWatching()
    {
        _deadline?.Dispose();
        _cancellation.Unregister(); // not Dispose: that would wait for a Late() running on another thread
    }
}

/// <inheritdoc />
internal sealed class QueuedWrite<TResult>(
    PhoneNumber? phone, bool claimsPhone, Func<IOtpTransaction, CancellationToken, Task<TResult>> work, CancellationToken callerToken)
    : QueuedWrite(phone, claimsPhone, callerToken)
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TResult? _staged;

    public Task<TResult> Completion => _completion.Task;

    public override void Publish() => _completion.TrySetResult(_staged!);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    public override void Cancel() => _completion.TrySetCanceled(CallerToken);

    protected override async Task RunAsync(WriteRound round, CancellationToken cancellationToken)
    {
        _staged = await work(round, cancellationToken);
        await round.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>What staging did with a write.</summary>
internal enum Staging
{
    /// <summary>Its work ran and its changes are saved in the round: it commits or fails with the round.</summary>
    Staged,

    /// <summary>Another write of the round has its phone: it waits for the next round, still withdrawable.</summary>
    Deferred,

    /// <summary>Its caller withdrew it before it ran: it is dropped (already answered).</summary>
    Withdrawn,
}
