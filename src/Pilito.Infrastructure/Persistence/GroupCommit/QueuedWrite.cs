using Pilito.Application.Common.Writes;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>
/// One request's write, queued for the writer. <see cref="StageAsync"/> runs inside the round's transaction (again,
/// from scratch, if the round is retried); the caller learns the result only once the round has committed.
/// </summary>
internal abstract class QueuedWrite
{
    /// <summary>Runs the work in the round and saves what it changed; false when it must wait for the next round.</summary>
    public abstract Task<bool> StageAsync(WriteRound round, CancellationToken cancellationToken);

    public abstract void Publish();

    public abstract void Fail(Exception exception);
}

/// <inheritdoc />
internal sealed class QueuedWrite<TResult>(PhoneNumber? phone, Func<IOtpTransaction, CancellationToken, Task<TResult>> work) : QueuedWrite
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TResult? _staged;

    public Task<TResult> Completion => _completion.Task;

    public override async Task<bool> StageAsync(WriteRound round, CancellationToken cancellationToken)
    {
        if (phone is not null && !round.TryClaimPhone(phone))
            return false;
        _staged = await work(round, cancellationToken);
        await round.SaveChangesAsync(cancellationToken);
        return true;
    }

    public override void Publish() => _completion.TrySetResult(_staged!);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
