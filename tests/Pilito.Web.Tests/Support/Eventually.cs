using System.Diagnostics;

namespace Pilito.Web.Tests.Support;

/// <summary>Waits on a condition another process brings about, re-checking it often, within an overall bound.</summary>
public static class Eventually
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(20);

    /// <summary>Returns once <paramref name="condition"/> holds; fails the test, naming what was awaited, if it does not within <paramref name="limit"/>.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan limit, Func<string> awaited)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(awaited);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
                Assert.Fail($"Waited {limit} for {awaited()}");
            await Task.Delay(Pause); // between checks of another process's state, not a wait for an outcome
        }
    }
}
