namespace Pilito.Domain.Common;

/// <summary>
/// Reads digits the way Iranian users type and paste them: Persian (۰–۹), Arabic-Indic (٠–٩) and full-width (０–９)
/// digits count as digits, and invisible marks that keyboards and chat apps put around numbers (zero-width and
/// bidirectional marks) are dropped. Every other character is left alone for the caller to judge.
/// </summary>
public static class Digits
{
    private const char PersianZero = '\u06F0';
    private const char ArabicIndicZero = '\u0660';
    private const char FullWidthZero = '\uFF10';

    public static char ToAscii(char c) => c switch
    {
        >= PersianZero and <= (char)(PersianZero + 9) => (char)('0' + (c - PersianZero)),
        >= ArabicIndicZero and <= (char)(ArabicIndicZero + 9) => (char)('0' + (c - ArabicIndicZero)),
        >= FullWidthZero and <= (char)(FullWidthZero + 9) => (char)('0' + (c - FullWidthZero)),
        _ => c,
    };

    /// <summary>Zero-width characters, the byte-order mark and bidirectional controls: invisible, meaningless in a number.</summary>
    public static bool IsInvisibleMark(char c) => c is
        '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' // zero-width space, non-joiner, joiner, word joiner, BOM
        or '\u200E' or '\u200F' or '\u061C' // left-to-right, right-to-left and Arabic letter marks
        or (>= '\u202A' and <= '\u202E') // embeddings and overrides
        or (>= '\u2066' and <= '\u2069'); // isolates

    /// <summary>The text with digits folded to ASCII and invisible marks removed.</summary>
    public static string ToAscii(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        var count = 0;
        foreach (var c in value)
        {
            if (!IsInvisibleMark(c))
                buffer[count++] = ToAscii(c);
        }

        return new string(buffer[..count]);
    }

    public static bool AreAllAscii(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
                return false;
        }

        return !value.IsEmpty;
    }
}
