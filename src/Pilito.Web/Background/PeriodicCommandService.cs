using Mediator;

namespace Pilito.Web.Background;

/// <summary>
/// Sends a command every <see cref="Interval"/> on every instance, each in its own scope; a failed run is logged and
/// the next tick tries again, so one bad run never stops the service. The commands are written to be run by several
/// instances at once.
/// </summary>
internal abstract class PeriodicCommandService(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>Off by a setting: the service ends at once.</summary>
    protected abstract bool Enabled { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>What a run does, for the log line of a failed one ("Purging expired OTP tokens failed").</summary>
    protected abstract string Job { get; }

    protected abstract Task RunAsync(ISender sender, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
            return;
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunAsync(scope.ServiceProvider.GetRequiredService<ISender>(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{Job} failed", Job);
            }
        }
    }
}
