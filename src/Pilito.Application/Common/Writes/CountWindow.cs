namespace Pilito.Application.Common.Writes;

/// <summary>
/// One scope's counts per minute (codes sent, failures …), as read at the start of the transaction plus what it added. A window counts every
/// minute that overlaps it, whole: it may count up to a minute more than its length (never less), so a limit is
/// never exceeded in any window of that length.
/// </summary>
public sealed class CountWindow(CountScope scope, Dictionary<DateTimeOffset, int> minutes)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly Dictionary<DateTimeOffset, int> _added = [];

    public CountScope Scope => scope;

    /// <summary>Codes added in this transaction, per minute: what the commit adds to the stored counts.</summary>
    public IReadOnlyDictionary<DateTimeOffset, int> Added => _added;

    public static DateTimeOffset MinuteOf(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    public int CountSince(DateTimeOffset windowStart)
    {
        var first = MinuteOf(windowStart);
        return minutes.Where(m => m.Key >= first).Sum(m => m.Value);
    }

    /// <summary>The end of the oldest minute still counted: one window length later, that minute has left the window.</summary>
    public DateTimeOffset FreesUpAt(DateTimeOffset windowStart)
    {
        var first = MinuteOf(windowStart);
        var counted = minutes.Where(m => m.Key >= first && m.Value > 0).Select(m => m.Key).ToList();
        return counted.Count == 0 ? windowStart : counted.Min() + Minute;
    }

    public void Add(DateTimeOffset sentAt) => Change(sentAt, 1);

    /// <summary>Takes back one <see cref="Add"/> of the same instant, made in an earlier transaction (a reservation that turned out fine).</summary>
    public void Withdraw(DateTimeOffset addedAt) => Change(addedAt, -1);

    private void Change(DateTimeOffset at, int by)
    {
        var minute = MinuteOf(at);
        minutes[minute] = minutes.GetValueOrDefault(minute) + by;
        _added[minute] = _added.GetValueOrDefault(minute) + by;
    }
}
