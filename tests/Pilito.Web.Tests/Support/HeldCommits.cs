using Microsoft.Extensions.DependencyInjection;
using Pilito.Infrastructure.Persistence.GroupCommit;

namespace Pilito.Web.Tests.Support;

/// <summary>
/// Wraps the app's own write database (real SQLite) so a test can hold commits: while held, each round stages its
/// writes and then waits to commit until <see cref="Release"/>, as a slow disk or a long lock would make it wait,
/// with no clock involved. Pass <see cref="Install"/> as the app's <see cref="PilitoApp.TestServices"/>.
/// </summary>
public sealed class HeldCommits
{
    private TaskCompletionSource _staged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _release;

    /// <summary>Completes when a round has staged its writes since the last <see cref="Hold"/>.</summary>
    public Task Staged => Volatile.Read(ref _staged).Task;

    public void Install(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var real = services.Last(d => d.ServiceType == typeof(IWriteDatabase));
        services.Remove(real);
        services.AddSingleton<IWriteDatabase>(sp => new Gated(
            (IWriteDatabase)(real.ImplementationInstance ?? real.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, real.ImplementationType!)),
            this));
    }

    /// <summary>From now on rounds wait to commit.</summary>
    public void Hold()
    {
        Volatile.Write(ref _staged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Volatile.Write(ref _release, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    /// <summary>Lets the held round (and every later one) commit.</summary>
    public void Release() => Interlocked.Exchange(ref _release, null)?.TrySetResult();

    private async Task WaitAsync()
    {
        if (Volatile.Read(ref _release) is not { } release)
            return;
        Volatile.Read(ref _staged).TrySetResult();
        await release.Task;
    }

    private sealed class Gated(IWriteDatabase inner, HeldCommits gate) : IWriteDatabase, IAsyncDisposable
    {
        public Task RunRoundAsync(Func<WriteRound, CancellationToken, Task> stage, CancellationToken cancellationToken) =>
            inner.RunRoundAsync(async (round, ct) =>
            {
                await stage(round, ct);
                await gate.WaitAsync();
            }, cancellationToken);

        public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
    }
}
