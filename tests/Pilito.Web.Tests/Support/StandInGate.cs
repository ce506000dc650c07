namespace Pilito.Web.Tests.Support;

/// <summary>
/// Holds a send or lookup at the stand-in until the test opens it (<see cref="StandInBehaviour.Gated"/>): the call
/// is in flight for as long as the test needs, with no clock involved.
/// </summary>
public sealed class StandInGate
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a call reaches the gate.</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>Lets every held call (and any later one) through.</summary>
    public void Open() => _open.TrySetResult();

    internal async Task PassAsync(CancellationToken cancellationToken)
    {
        _arrived.TrySetResult();
        await _open.Task.WaitAsync(cancellationToken);
    }
}
