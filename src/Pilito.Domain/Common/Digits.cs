namespace Pilito.Domain.Common;

/// <summary>Folds the digit sets Iranian keyboards produce into ASCII digits.</summary>
public static class Digits
{
    private const char PersianZero = '\u06F0';
    private const char ArabicIndicZero = '\u0660';

    public static char ToAscii(char c) => c switch
    {
        >= PersianZero and <= (char)(PersianZero + 9) => (char)('0' + (c - PersianZero)),
        >= ArabicIndicZero and <= (char)(ArabicIndicZero + 9) => (char)('0' + (c - ArabicIndicZero)),
        _ => c,
    };

    public static string ToAscii(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = ToAscii(source[i]);
        });
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
