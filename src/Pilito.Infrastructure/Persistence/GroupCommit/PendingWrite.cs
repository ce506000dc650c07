namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>
/// One request's share of a write round. <see cref="StageAsync"/> runs inside the round's transaction (again, from
/// scratch, if the round is retried); the caller learns its result only once the round has committed.
/// </summary>
internal abstract class PendingWrite
{
    /// <summary>Stages the write's changes in the round; false when it must wait for the next round instead.</summary>
    public abstract Task<bool> StageAsync(WriteRound round, CancellationToken cancellationToken);

    public abstract void Publish();

    public abstract void Fail(Exception exception);
}

/// <inheritdoc />
internal abstract class PendingWrite<TResult> : PendingWrite
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TResult? _staged;

    public Task<TResult> Completion => _completion.Task;

    public sealed override async Task<bool> StageAsync(WriteRound round, CancellationToken cancellationToken)
    {
        if (!CanJoin(round))
            return false;
        _staged = await StageCoreAsync(round, cancellationToken);
        return true;
    }

    public sealed override void Publish()
    {
        OnCommitted();
        _completion.TrySetResult(_staged!);
    }

    public sealed override void Fail(Exception exception) => _completion.TrySetException(exception);

    /// <summary>False when an earlier write of the round touches the same data in a way this one cannot share.</summary>
    protected virtual bool CanJoin(WriteRound round) => true;

    /// <summary>Runs once the round is committed, before the caller gets its answer.</summary>
    protected virtual void OnCommitted()
    {
    }

    protected abstract Task<TResult> StageCoreAsync(WriteRound round, CancellationToken cancellationToken);
}
