namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>
/// One scope's codes per minute over the last hour, as read at the start of the round plus what the round added.
/// A window counts every minute that overlaps it, whole: it may count up to a minute more than an hour (never
/// less), so a limit is never exceeded in any hour.
/// </summary>
internal sealed class SendCountWindow(string scope, string key, Dictionary<DateTimeOffset, int> minutes)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly Dictionary<DateTimeOffset, int> _added = [];

    public string Scope => scope;

    public string Key => key;

    /// <summary>Codes the round added, per minute: what it must add to the stored counts.</summary>
    public IReadOnlyDictionary<DateTimeOffset, int> Added => _added;

    public int CountSince(DateTimeOffset windowStart)
    {
        var first = OtpSendCount.MinuteOf(windowStart);
        return minutes.Where(m => m.Key >= first).Sum(m => m.Value);
    }

    /// <summary>When the oldest minute still counted leaves the window: the window frees up then.</summary>
    public DateTimeOffset FreesUpAt(DateTimeOffset windowStart)
    {
        var first = OtpSendCount.MinuteOf(windowStart);
        var counted = minutes.Where(m => m.Key >= first && m.Value > 0).Select(m => m.Key).ToList();
        return counted.Count == 0 ? windowStart : counted.Min() + Minute;
    }

    public void Add(DateTimeOffset createdAt)
    {
        var minute = OtpSendCount.MinuteOf(createdAt);
        minutes[minute] = minutes.GetValueOrDefault(minute) + 1;
        _added[minute] = _added.GetValueOrDefault(minute) + 1;
    }
}
