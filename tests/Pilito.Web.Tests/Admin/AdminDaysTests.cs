using Pilito.Web.Admin;

namespace Pilito.Web.Tests.Admin;

/// <summary>The days staff type into date filters: Gregorian as the browser's picker sends it, or Solar Hijri as the Persian pages show.</summary>
public sealed class AdminDaysTests
{
    [TestCase("2025-11-30", 2025, 11, 30)]
    [TestCase("1404/09/09", 2025, 11, 30)]
    [TestCase("1404-09-09", 2025, 11, 30)]
    [TestCase("۱۴۰۴/۰۹/۰۹", 2025, 11, 30)]
    [TestCase("1404/9/9", 2025, 11, 30)]
    [TestCase(" 1404/01/01 ", 2025, 3, 21)] // Nowruz
    [TestCase("1403/12/30", 2025, 3, 20)] // 1403 ends a 30-day Esfand: it is a leap year
    public void A_day_is_read_in_either_calendar(string text, int year, int month, int day)
    {
        Assert.That(AdminDays.TryParse(text, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(new DateOnly(year, month, day)));
    }

    [TestCase("1404/13/01")]
    [TestCase("1404/07/31")] // the second half of the Solar Hijri year has 30-day months
    [TestCase("2025-02-30")]
    [TestCase("25-1-1")]
    [TestCase("1404/09")]
    [TestCase("1404.09.09")]
    [TestCase("tomorrow")]
    [TestCase("")]
    [TestCase(null)]
    public void Anything_else_is_not_a_day(string? text) =>
        Assert.That(AdminDays.TryParse(text, out _), Is.False);
}
