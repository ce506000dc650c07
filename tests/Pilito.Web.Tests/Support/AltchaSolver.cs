using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Pilito.Application.Common.Ports;

namespace Pilito.Web.Tests.Support;

/// <summary>
/// Solves ALTCHA v1 challenges the way the altcha widget and altcha-lib's solveChallenge do: tries every number from
/// 0 to maxnumber until SHA-256(salt + number) is the challenge, then builds the payload a client posts (base64 of
/// <c>{"algorithm","challenge","number","salt","signature"}</c>). A few milliseconds per 10,000 numbers.
/// </summary>
public static class AltchaSolver
{
    /// <summary>altcha-lib's maxnumber when a challenge names none.</summary>
    public const long DefaultMaxNumber = 1_000_000;

    /// <summary>Solves a challenge as an API answer carries it (<c>algorithm</c>, <c>challenge</c>, <c>maxnumber</c>, <c>salt</c>, <c>signature</c>).</summary>
    public static string Solve(JsonElement challenge)
    {
        var maxNumber = challenge.TryGetProperty("maxnumber", out var max) || challenge.TryGetProperty("maxNumber", out max)
            ? max.GetInt64()
            : DefaultMaxNumber;
        return Solve(challenge.GetProperty("challenge").GetString()!, challenge.GetProperty("salt").GetString()!,
            maxNumber, challenge.GetProperty("signature").GetString()!, challenge.GetProperty("algorithm").GetString()!);
    }

    /// <summary>Solves a challenge straight from <see cref="IProofOfWork.CreateChallenge"/>.</summary>
    public static string Solve(ProofOfWorkChallenge challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return Solve(challenge.Challenge, challenge.Salt, challenge.MaxNumber, challenge.Signature, challenge.Algorithm);
    }

    /// <summary>The payload to post for a challenge; throws when no number up to <paramref name="maxNumber"/> solves it.</summary>
    public static string Solve(string challenge, string salt, long maxNumber, string signature, string algorithm = "SHA-256") =>
        Payload(algorithm, challenge, FindNumber(challenge, salt, maxNumber), salt, signature);

    /// <summary>The number that solves the challenge; throws when none from 0 to <paramref name="maxNumber"/> does.</summary>
    public static long FindNumber(string challenge, string salt, long maxNumber)
    {
        ArgumentNullException.ThrowIfNull(salt);
        var target = Convert.FromHexString(challenge);
        var prefix = Encoding.UTF8.GetBytes(salt);
        var input = new byte[prefix.Length + 20]; // salt, then up to 20 digits
        prefix.CopyTo(input, 0);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        for (long number = 0; number <= maxNumber; number++)
        {
            number.TryFormat(input.AsSpan(prefix.Length), out var digits, default, CultureInfo.InvariantCulture);
            SHA256.HashData(input.AsSpan(0, prefix.Length + digits), hash);
            if (hash.SequenceEqual(target))
                return number;
        }

        throw new InvalidOperationException($"No number from 0 to {maxNumber} solves the challenge.");
    }

    /// <summary>
    /// The base64 payload for any values, solved or not (to post a wrong number, a changed salt …). Extra members such
    /// as the widget's <c>took</c> go in <paramref name="extra"/>.
    /// </summary>
    public static string Payload(string algorithm, string challenge, long number, string salt, string signature,
        IReadOnlyDictionary<string, object?>? extra = null)
    {
        var members = new Dictionary<string, object?>
        {
            ["algorithm"] = algorithm,
            ["challenge"] = challenge,
            ["number"] = number,
            ["salt"] = salt,
            ["signature"] = signature,
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, object?>())
            members[name] = value;
        return Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(members));
    }
}
