using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Pilito.Web.Tests.Support;

/// <summary>
/// RFC 6238 codes as an authenticator app computes them from the shown key (HMAC-SHA1, 30-second steps, 6 digits):
/// written out here so that the tests do not ask the app under test for the code it then checks.
/// </summary>
public static class Totp
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Code(string key, DateTimeOffset at) => CodeAtStep(FromBase32(key), at.ToUnixTimeSeconds() / 30);

    /// <summary>A 6-digit code that none of the steps Identity accepts around <paramref name="at"/> (±2) produce.</summary>
    public static string WrongCode(string key, DateTimeOffset at)
    {
        var secret = FromBase32(key);
        var step = at.ToUnixTimeSeconds() / 30;
        var accepted = Enumerable.Range(-3, 7).Select(i => CodeAtStep(secret, step + i)).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), 6)).First(c => !accepted.Contains(c));
    }

    private static string CodeAtStep(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 as authenticator apps (and Identity) compute it is HMAC-SHA1; HOTP's truncation keeps it sound
        var hash = HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var value = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF;
        return (value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string key)
    {
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in key.ToUpperInvariant().Where(c => c is not (' ' or '=')))
        {
            buffer = (buffer << 5) | Base32Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }
}
