using Pilito.Application.Common.Writes;

namespace Pilito.Application.Tests.Common;

/// <summary>The hourly limits count whole minutes: never less than an hour, at most a minute more.</summary>
public sealed class CountWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 30, 20, TimeSpan.Zero);

    [Test]
    public void The_minute_the_hour_starts_in_counts_whole_and_older_minutes_not_at_all()
    {
        var window = new CountWindow(CountScope.Service, new Dictionary<DateTimeOffset, int>
        {
            [At(11, 29)] = 4, // wholly before the hour
            [At(11, 30)] = 2, // the hour starts at 11:30:20, inside this minute
            [At(12, 30)] = 1,
        });

        Assert.That(window.CountSince(Now - TimeSpan.FromHours(1)), Is.EqualTo(3));
    }

    [Test]
    public void The_window_frees_up_when_its_oldest_counted_minute_has_wholly_left_the_hour()
    {
        var window = new CountWindow(CountScope.Address(new ClientNetwork("10.0.0.1")), new Dictionary<DateTimeOffset, int> { [At(11, 30)] = 0, [At(11, 45)] = 2 });

        Assert.That(window.FreesUpAt(Now - TimeSpan.FromHours(1)), Is.EqualTo(At(11, 46)), "an empty minute does not hold it");
    }

    [Test]
    public void Codes_added_in_the_round_count_at_once_and_are_what_the_round_writes()
    {
        var window = new CountWindow(CountScope.Service, []);

        window.Add(Now);
        window.Add(Now.AddSeconds(5));

        Assert.That(window.CountSince(Now - TimeSpan.FromHours(1)), Is.EqualTo(2));
        Assert.That(window.Added.Keys, Is.EqualTo(new[] { At(12, 30) }));
        Assert.That(window.Added[At(12, 30)], Is.EqualTo(2));
    }

    private static DateTimeOffset At(int hour, int minute) => new(2026, 11, 25, hour, minute, 0, TimeSpan.Zero);
}
