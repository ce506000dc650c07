namespace Pilito.Domain.Webhooks;

/// <summary>
/// When a failed delivery is tried again: exponential back-off, each wait four times the last, from
/// <see cref="FirstDelay"/> up to <see cref="LongestDelay"/>, and no attempt after <see cref="DeliveryWindow"/> from the
/// event (docs/webhooks.md lists the attempts).
/// </summary>
public static class WebhookRetrySchedule
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan LongestDelay = TimeSpan.FromHours(4);

    public static readonly TimeSpan DeliveryWindow = TimeSpan.FromHours(24);

    /// <summary>The wait after the <paramref name="failedAttempts"/>-th failed attempt (1 for the first).</summary>
    public static TimeSpan DelayAfter(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var delay = FirstDelay;
        for (var i = 1; i < failedAttempts && delay < LongestDelay; i++)
            delay *= 4;
        return delay < LongestDelay ? delay : LongestDelay;
    }
}
