using System.Globalization;
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
        // One draw of 64 bits for the whole code (a draw per digit cost six calls into the RNG), uniform over
        // 0 … 10^length - 1: draws from the incomplete top block are thrown away (at most about 1 in 10^9 is).
        var codes = (ulong)Math.Pow(10, length);
        var unbiasedBelow = ulong.MaxValue - (ulong.MaxValue % codes);
        Span<byte> random = stackalloc byte[sizeof(ulong)];
        ulong draw;
        do
        {
            RandomNumberGenerator.Fill(random);
            draw = BitConverter.ToUInt64(random);
        }
        while (draw >= unbiasedBelow);

        return (draw % codes).ToString(new string('0', length), CultureInfo.InvariantCulture);
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
