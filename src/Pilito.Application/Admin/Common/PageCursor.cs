using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Pilito.Application.Admin.Common;

/// <summary>
/// A keyset position: the sort column's value (UTC ticks for instants, the number itself for counts) and the
/// row's tie-breaker. Written into links as "key_tiebreak", so a page is found by an index seek, never by skipping rows.
/// </summary>
public sealed record PageCursor(long Key, string TieBreak)
{
    /// <summary>
    /// Keys are UTC ticks or counts, never negative and never past the last representable instant: anything else is a
    /// hand-made link, and letting it through would throw when the key is turned back into an instant.
    /// </summary>
    public const long MaxKey = 3_155_378_975_999_999_999; // DateTimeOffset.MaxValue.UtcTicks

    public string Encode() => string.Create(CultureInfo.InvariantCulture, $"{Key}_{TieBreak}");

    public static bool TryParse(string? text, [NotNullWhen(true)] out PageCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 100)
            return false;
        var separator = text.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || separator == text.Length - 1
            || !long.TryParse(text.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var key)
            || key > MaxKey)
            return false;
        cursor = new PageCursor(key, text[(separator + 1)..]);
        return true;
    }

    /// <summary>Null for no text; throws for text that is not a cursor (validators refuse it first).</summary>
    public static PageCursor? ParseOptional(string? text) =>
        string.IsNullOrEmpty(text) ? null
        : TryParse(text, out var cursor) ? cursor
        : throw new FormatException("Not a page cursor.");
}
