namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>
/// One scope's codes per minute over the last hour. A window counts every minute that overlaps it, whole: it may
/// count up to a minute more than an hour (never less), so a limit is never exceeded in any hour.
/// </summary>
internal sealed class SendCountWindow(PilitoDbContext db, string scope, string key, List<OtpSendCount> minutes)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static DateTimeOffset FirstMinuteOf(DateTimeOffset windowStart) => OtpSendCount.MinuteOf(windowStart);

    public int CountSince(DateTimeOffset windowStart)
    {
        var first = FirstMinuteOf(windowStart);
        var count = 0;
        foreach (var minute in minutes)
        {
            if (minute.MinuteStart >= first)
                count += minute.Count;
        }

        return count;
    }

    /// <summary>When the oldest minute still counted leaves the window's start: the window frees up then.</summary>
    public DateTimeOffset OldestSince(DateTimeOffset windowStart)
    {
        var first = FirstMinuteOf(windowStart);
        var oldest = DateTimeOffset.MaxValue;
        foreach (var minute in minutes)
        {
            if (minute.MinuteStart >= first && minute.Count > 0 && minute.MinuteStart < oldest)
                oldest = minute.MinuteStart;
        }

        return oldest == DateTimeOffset.MaxValue ? windowStart : oldest + Minute;
    }

    public void Add(DateTimeOffset createdAt)
    {
        var start = OtpSendCount.MinuteOf(createdAt);
        var minute = minutes.Find(m => m.MinuteStart == start);
        if (minute is null)
        {
            minute = new OtpSendCount { Scope = scope, Key = key, MinuteStart = start };
            db.OtpSendCounts.Add(minute);
            minutes.Add(minute);
        }

        minute.Count++;
    }
}
