using System.Globalization;
using System.Text;

namespace Pilito.Web.Admin;

/// <summary>
/// How the admin pages show instants, numbers and phones. Persian (fa): Solar Hijri dates (PersianCalendar) in Tehran
/// time and Persian digits. English: ISO-like dates in UTC, the zone the logs and the database use. Stored values stay UTC.
/// </summary>
public sealed class AdminFormatter
{
    public const string TehranZoneId = "Asia/Tehran";
    private static readonly PersianCalendar Persian = new();
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public AdminFormatter() => Tehran = TimeZoneInfo.FindSystemTimeZoneById(TehranZoneId);

    public TimeZoneInfo Tehran { get; }

    public static bool IsPersian => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fa";

    public string Instant(DateTimeOffset? instant)
    {
        if (instant is not { } value)
            return "—";
        if (!IsPersian)
            return value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        var local = TimeZoneInfo.ConvertTime(value, Tehran).DateTime;
        return ToPersianDigits(string.Create(CultureInfo.InvariantCulture,
            $"{Persian.GetYear(local):0000}/{Persian.GetMonth(local):00}/{Persian.GetDayOfMonth(local):00} {local:HH:mm:ss}"));
    }

    /// <summary>The hour an hourly bucket starts, for chart labels: Tehran time in Persian, UTC in English.</summary>
    public string Hour(DateTimeOffset hour) => IsPersian
        ? ToPersianDigits(TimeZoneInfo.ConvertTime(hour, Tehran).ToString("HH:mm", CultureInfo.InvariantCulture))
        : hour.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);

    public string Number(long? number)
    {
        if (number is not { } value)
            return "—";
        var text = value.ToString("N0", English);
        return IsPersian ? ToPersianDigits(text.Replace(',', '\u066C')) : text; // ٬ Arabic thousands separator
    }

    /// <summary>A share as a whole percentage: 42%, or ٪۴۲ in Persian.</summary>
    public string Percent(double share)
    {
        var whole = Math.Round(share * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);
        return IsPersian ? "\u066A" + ToPersianDigits(whole) : whole + "%";
    }

    public string Phone(string? e164) => e164 is null ? "—" : IsPersian ? ToPersianDigits(e164) : e164;

    /// <summary>Midnight at the start of a Tehran calendar day, as an instant (date filters mean Tehran days).</summary>
    public DateTimeOffset StartOfTehranDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Tehran.GetUtcOffset(local)).ToUniversalTime();
    }

    public static string ToPersianDigits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
            builder.Append(char.IsAsciiDigit(c) ? (char)('\u06F0' + (c - '0')) : c);
        return builder.ToString();
    }
}
