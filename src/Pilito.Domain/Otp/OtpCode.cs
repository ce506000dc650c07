using System.Security.Cryptography;
using Pilito.Domain.Common;

namespace Pilito.Domain.Otp;

/// <summary>Generates one-time codes and reads codes typed back by people.</summary>
public static class OtpCode
{
    public const int MinLength = 4;
    public const int MaxLength = 10;

    /// <summary>A code of <paramref name="length"/> decimal digits from a cryptographic RNG; leading zeros kept.</summary>
    public static string Generate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxLength);
        return string.Create(length, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        });
    }

    /// <summary>The code in ASCII digits (Persian and Arabic-Indic digits folded, surrounding spaces trimmed), or null when it is not a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null)
            return null;

        var code = Digits.ToAscii(typed.Trim());
        return code.Length is >= MinLength and <= MaxLength && Digits.AreAllAscii(code) ? code : null;
    }
}
