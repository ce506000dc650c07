using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Security;

/// <summary>
/// ALTCHA's v1 proof of work, byte for byte as altcha-lib 2.8.0's <c>altcha-lib/v1</c> makes and checks it (its
/// default export is the newer v2 format, which this is not). The altcha widget 3.x solves any challenge that has a
/// <c>challenge</c> member this way and posts this payload, with an extra <c>took</c>.
/// </summary>
internal sealed class AltchaProofOfWork(IOptions<ChallengeOptions> options, TimeProvider clock) : IProofOfWork
{
    public const string Algorithm = "SHA-256";

    // altcha-lib's default: 12 random bytes, 24 hex characters.
    private const int SaltBytes = 12;

    // A genuine payload is about 300 characters; this bounds the work a hostile one can cause.
    private const int MaxPayloadLength = 2048;

    private static readonly JsonDocumentOptions Json = new() { MaxDepth = 4, AllowDuplicateProperties = false };
    private static readonly long LastSecond = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public ProofOfWorkChallenge CreateChallenge()
    {
        var settings = options.Value;
        var key = KeyOf(settings);
        var expires = (clock.GetUtcNow() + settings.Lifetime).ToUnixTimeSeconds();
        // The closing '&' is altcha-lib's delimiter against splicing: without it, "…expires=1700" + "42" could be
        // regrouped as "…expires=17004" + "2", a later expiry with the same hash and signature.
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SaltBytes))
            + "?expires=" + expires.ToString(CultureInfo.InvariantCulture) + "&";
        var number = RandomNumberGenerator.GetInt32(1, settings.MaxNumber + 1); // 1…max, like altcha-lib's randomInt
        var challenge = Sha256Hex(salt, number);
        return new ProofOfWorkChallenge(Algorithm, challenge, settings.MaxNumber, salt, HmacHex(key, challenge),
            DateTimeOffset.FromUnixTimeSeconds(expires));
    }

    public ProofOfWorkCheck Check(string? payload)
    {
        var key = KeyOf(options.Value);
        if (!AltchaPayload.TryRead(payload, MaxPayloadLength, Json, out var solution))
            return ProofOfWorkCheck.Invalid(ProofOfWorkFailure.Malformed);
        if (solution.Algorithm != Algorithm)
            return ProofOfWorkCheck.Invalid(ProofOfWorkFailure.WrongAlgorithm);

        // Ours? The signature covers the challenge, which covers the salt and the number.
        var signature = HmacHex(key, solution.Challenge);
        if (!FixedTimeEquals(signature, solution.Signature))
            return ProofOfWorkCheck.Invalid(ProofOfWorkFailure.BadSignature);
        // altcha-lib's verifySolution hashes a salt without the closing '&' as if it had one.
        var salt = solution.Salt.EndsWith('&') ? solution.Salt : solution.Salt + "&";
        if (!FixedTimeEquals(Sha256Hex(salt, solution.Number), solution.Challenge))
            return ProofOfWorkCheck.Invalid(ProofOfWorkFailure.WrongNumber);

        // The salt is ours from here on; one without an expiry was not made by CreateChallenge.
        if (ExpiresOf(solution.Salt) is not { } expiresAt)
            return ProofOfWorkCheck.Invalid(ProofOfWorkFailure.Malformed);
        if (clock.GetUtcNow() >= expiresAt)
            return ProofOfWorkCheck.Invalid(ProofOfWorkFailure.Expired);
        return ProofOfWorkCheck.Valid(signature, expiresAt);
    }

    /// <summary>
    /// The <c>expires</c> parameter of the salt's query (between its first '?' and the next, as altcha-lib's
    /// extractParams reads it): Unix seconds, digits only. Null when missing, repeated or unreadable.
    /// </summary>
    internal static DateTimeOffset? ExpiresOf(string salt)
    {
        var query = salt.AsSpan();
        var start = query.IndexOf('?');
        if (start < 0)
            return null;
        query = query[(start + 1)..];
        if (query.IndexOf('?') is var end and >= 0)
            query = query[..end];

        long? seconds = null;
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            if (!pair.StartsWith("expires=", StringComparison.Ordinal))
                continue;
            var value = pair["expires=".Length..];
            if (seconds is not null || value.IsEmpty || value.Length > 12 || value.ContainsAnyExceptInRange('0', '9'))
                return null;
            seconds = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture); // 12 digits: no overflow
        }

        return seconds is { } s && s <= LastSecond ? DateTimeOffset.FromUnixTimeSeconds(s) : null;
    }

    private static byte[] KeyOf(ChallengeOptions settings) => Encoding.UTF8.GetBytes(settings.HmacKey
        ?? throw new InvalidOperationException("Challenge:HmacKey is not set: use the challenge only with Challenge:Enabled on."));

    private static string Sha256Hex(string salt, long number) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + number.ToString(CultureInfo.InvariantCulture))));

    private static string HmacHex(byte[] key, string challenge) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(challenge)));

    // Exact, case-sensitive text as altcha-lib compares it; in constant time so a near-miss signature learns nothing.
    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
