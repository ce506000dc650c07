using System.Globalization;
using System.Text.RegularExpressions;
using Pilito.Domain.Common;

namespace Pilito.Web.Admin;

/// <summary>
/// The days staff type into the admin's date filters: Gregorian (2025-11-30, what the browser's date picker sends) or
/// Solar Hijri (1404/09/09, the calendar the Persian pages show), in Latin or Persian digits, with / or - between
/// the parts. A year before 1700 is read as Solar Hijri: no Gregorian date the filters allow has one.
/// </summary>
public static partial class AdminDays
{
    private const int LastSolarHijriYear = 1699;
    private static readonly PersianCalendar Persian = new();

    public static bool TryParse(string? text, out DateOnly day)
    {
        day = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 32)
            return false;
        var match = DayPattern().Match(Digits.ToAscii(text.Trim()));
        if (!match.Success)
            return false;
        var (year, month, dayOfMonth) = (Number(match, "y"), Number(match, "m"), Number(match, "d"));
        try
        {
            day = year <= LastSolarHijriYear
                ? DateOnly.FromDateTime(Persian.ToDateTime(year, month, dayOfMonth, 0, 0, 0, 0))
                : new DateOnly(year, month, dayOfMonth);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // 1404/13/01, 2025-02-30 …
        }
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<y>\d{4})[/-](?<m>\d{1,2})[/-](?<d>\d{1,2})$")]
    private static partial Regex DayPattern();
}
