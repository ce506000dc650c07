using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Infrastructure.Security;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Security;

/// <summary>The ALTCHA v1 challenge: its format, a solved round trip, expiry, tampering and the single-use key.</summary>
public sealed class AltchaProofOfWorkTests
{
    public const string Key = "altcha-tests-hmac-key-0123456789abcdef";
    private const int MaxNumber = 5_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider _clock = null!;
    private AltchaProofOfWork _pow = null!;

    [SetUp]
    public void CreateProofOfWork()
    {
        _clock = new FakeTimeProvider(Start);
        _pow = Create(Key, _clock);
    }

    internal static AltchaProofOfWork Create(string? key, TimeProvider clock, int maxNumber = MaxNumber) =>
        new(Options.Create(new ChallengeOptions { Enabled = true, HmacKey = key, MaxNumber = maxNumber, Lifetime = Lifetime }), clock);

    [Test]
    public void Challenge_has_the_ALTCHA_v1_shape_signed_with_HMAC_SHA256_of_the_challenge()
    {
        var challenge = _pow.CreateChallenge();

        Assert.That(challenge.Algorithm, Is.EqualTo("SHA-256"));
        Assert.That(challenge.Challenge, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(challenge.MaxNumber, Is.EqualTo(MaxNumber));
        Assert.That(challenge.Salt, Does.Match(@"^[0-9a-f]{24}\?expires=[0-9]+&$"));
        Assert.That(challenge.Signature, Is.EqualTo(HmacHex(Key, challenge.Challenge)));
    }

    [Test]
    public void Challenge_is_the_hash_of_its_salt_and_a_number_from_1_to_maxnumber()
    {
        var challenge = _pow.CreateChallenge();

        var number = AltchaSolver.FindNumber(challenge.Challenge, challenge.Salt, challenge.MaxNumber);

        Assert.That(number, Is.InRange(1, MaxNumber));
        Assert.That(challenge.Challenge, Is.EqualTo(Sha256Hex(challenge.Salt + number)));
    }

    [Test]
    public void Salt_carries_the_expiry_now_plus_the_lifetime_in_whole_Unix_seconds()
    {
        _clock.Advance(TimeSpan.FromMilliseconds(700));

        var challenge = _pow.CreateChallenge();

        var expected = Start + Lifetime;
        Assert.That(challenge.Salt, Does.EndWith($"?expires={expected.ToUnixTimeSeconds()}&"));
        Assert.That(challenge.ExpiresAt, Is.EqualTo(expected));
    }

    [Test]
    public void Every_challenge_has_its_own_salt_and_signature()
    {
        var challenges = Enumerable.Range(0, 50).Select(_ => _pow.CreateChallenge()).ToList();

        Assert.That(challenges.Select(c => c.Salt).Distinct().Count(), Is.EqualTo(50));
        Assert.That(challenges.Select(c => c.Signature).Distinct().Count(), Is.EqualTo(50));
    }

    [Test]
    public void Solved_challenge_is_valid_with_its_signature_as_single_use_key_and_its_expiry()
    {
        var challenge = _pow.CreateChallenge();

        var check = _pow.Check(AltchaSolver.Solve(challenge));

        Assert.That(check.IsValid, Is.True, check.Failure.ToString());
        Assert.That(check.SingleUseKey, Is.EqualTo(challenge.Signature));
        Assert.That(check.ExpiresAt, Is.EqualTo(challenge.ExpiresAt));
    }

    [Test]
    public void Widget_payload_with_its_extra_took_member_is_valid()
    {
        var challenge = _pow.CreateChallenge();
        var number = AltchaSolver.FindNumber(challenge.Challenge, challenge.Salt, challenge.MaxNumber);

        var check = _pow.Check(AltchaSolver.Payload(challenge.Algorithm, challenge.Challenge, number, challenge.Salt,
            challenge.Signature, new Dictionary<string, object?> { ["took"] = 1234 }));

        Assert.That(check.IsValid, Is.True, check.Failure.ToString());
    }

    [Test]
    public void Check_keeps_no_state_the_same_payload_is_valid_again_with_the_same_key()
    {
        var payload = AltchaSolver.Solve(_pow.CreateChallenge());

        var first = _pow.Check(payload);
        var second = _pow.Check(payload);

        Assert.That(second.IsValid, Is.True, "single use is the caller's transaction's job");
        Assert.That(second.SingleUseKey, Is.EqualTo(first.SingleUseKey));
    }

    [Test]
    public void One_solution_gives_one_key_however_its_JSON_is_written()
    {
        var challenge = _pow.CreateChallenge();
        var number = AltchaSolver.FindNumber(challenge.Challenge, challenge.Salt, challenge.MaxNumber);
        var reordered = "{ \"signature\": \"" + challenge.Signature + "\",\n  \"salt\": \"" + challenge.Salt + "\", \"number\": "
            + number + ", \"challenge\": \"" + challenge.Challenge + "\", \"algorithm\": \"SHA-256\", \"took\": 5 }";

        var check = _pow.Check(Convert.ToBase64String(Encoding.UTF8.GetBytes(reordered)));

        Assert.That(check.IsValid, Is.True, check.Failure.ToString());
        Assert.That(check.SingleUseKey, Is.EqualTo(_pow.Check(AltchaSolver.Solve(challenge)).SingleUseKey));
    }

    [Test]
    public void Two_challenges_give_two_keys()
    {
        var first = _pow.Check(AltchaSolver.Solve(_pow.CreateChallenge()));
        var second = _pow.Check(AltchaSolver.Solve(_pow.CreateChallenge()));

        Assert.That(first.SingleUseKey, Is.Not.EqualTo(second.SingleUseKey));
    }

    [Test]
    public void Solution_is_valid_until_the_second_before_expiry_and_expired_from_then_on()
    {
        var payload = AltchaSolver.Solve(_pow.CreateChallenge());

        _clock.Advance(Lifetime - TimeSpan.FromSeconds(1));
        var before = _pow.Check(payload);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var at = _pow.Check(payload);

        Assert.That(before.IsValid, Is.True, before.Failure.ToString());
        Assert.That(at.Failure, Is.EqualTo(ProofOfWorkFailure.Expired));
    }

    private static IEnumerable<TestCaseData> Tampering()
    {
        yield return Case("signature with its last character changed", p => p["signature"] = Flip((string)p["signature"]!), ProofOfWorkFailure.BadSignature);
        yield return Case("signature in upper case", p => p["signature"] = ((string)p["signature"]!).ToUpperInvariant(), ProofOfWorkFailure.BadSignature);
        yield return Case("signature cut short", p => p["signature"] = ((string)p["signature"]!)[..32], ProofOfWorkFailure.BadSignature);
        yield return Case("signature empty", p => p["signature"] = "", ProofOfWorkFailure.BadSignature);
        yield return Case("challenge changed", p => p["challenge"] = Flip((string)p["challenge"]!), ProofOfWorkFailure.BadSignature);
        yield return Case("number one more", p => p["number"] = (long)p["number"]! + 1, ProofOfWorkFailure.WrongNumber);
        yield return Case("number zero", p => p["number"] = 0, ProofOfWorkFailure.WrongNumber);
        yield return Case("salt's random part changed", p => p["salt"] = Flip0((string)p["salt"]!), ProofOfWorkFailure.WrongNumber);
        yield return Case("salt's expiry made later", p => p["salt"] = ((string)p["salt"]!).Replace("?expires=", "?expires=9", StringComparison.Ordinal), ProofOfWorkFailure.WrongNumber);
        yield return Case("salt's expiry removed", p => p["salt"] = ((string)p["salt"]!)[..24] + "&", ProofOfWorkFailure.WrongNumber);
        yield return Case("algorithm SHA-1", p => p["algorithm"] = "SHA-1", ProofOfWorkFailure.WrongAlgorithm);
        yield return Case("algorithm SHA-512", p => p["algorithm"] = "SHA-512", ProofOfWorkFailure.WrongAlgorithm);
        yield return Case("algorithm in lower case", p => p["algorithm"] = "sha-256", ProofOfWorkFailure.WrongAlgorithm);

        static TestCaseData Case(string name, Action<JsonObject> tamper, ProofOfWorkFailure failure) =>
            new TestCaseData(tamper, failure).SetArgDisplayNames(name);
        static string Flip(string hex) => hex[..^1] + (hex[^1] == '0' ? '1' : '0');
        static string Flip0(string salt) => (salt[0] == '0' ? '1' : '0') + salt[1..];
    }

    [TestCaseSource(nameof(Tampering))]
    public void Tampered_solution_is_refused_with_the_reason(Action<JsonObject> tamper, ProofOfWorkFailure failure)
    {
        var challenge = _pow.CreateChallenge();
        var payload = new JsonObject
        {
            ["algorithm"] = challenge.Algorithm,
            ["challenge"] = challenge.Challenge,
            ["number"] = AltchaSolver.FindNumber(challenge.Challenge, challenge.Salt, challenge.MaxNumber),
            ["salt"] = challenge.Salt,
            ["signature"] = challenge.Signature,
        };
        tamper(payload);

        var check = _pow.Check(Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.ToJsonString())));

        Assert.That(check.Failure, Is.EqualTo(failure));
        Assert.That(check.SingleUseKey, Is.Null);
    }

    [Test]
    public void Challenge_signed_under_another_key_is_refused()
    {
        var other = Create("another-deployment-hmac-key-0123456789", _clock);

        var check = _pow.Check(AltchaSolver.Solve(other.CreateChallenge()));

        Assert.That(check.Failure, Is.EqualTo(ProofOfWorkFailure.BadSignature));
    }

    [Test]
    public void Digits_moved_from_the_number_into_the_expiry_do_not_verify()
    {
        // Without the salt's closing '&', "…expires=E" + "42" and "…expires=E4" + "2" would hash alike: a later expiry.
        var salt = $"0123456789abcdef01234567?expires={(Start + Lifetime).ToUnixTimeSeconds()}&";
        var challenge = Sha256Hex(salt + 42);
        Assert.That(_pow.Check(AltchaSolver.Payload("SHA-256", challenge, 42, salt, HmacHex(Key, challenge))).IsValid, Is.True, "as signed");

        var check = _pow.Check(AltchaSolver.Payload("SHA-256", challenge, 2, salt.TrimEnd('&') + "4", HmacHex(Key, challenge)));

        Assert.That(check.Failure, Is.EqualTo(ProofOfWorkFailure.WrongNumber));
    }

    [Test]
    public void Salt_without_the_closing_delimiter_is_hashed_with_it_as_altcha_lib_does()
    {
        var expires = (Start + Lifetime).ToUnixTimeSeconds();
        var salt = $"0123456789abcdef01234567?expires={expires}";
        var challenge = Sha256Hex(salt + "&" + 77);

        var check = _pow.Check(AltchaSolver.Payload("SHA-256", challenge, 77, salt, HmacHex(Key, challenge)));

        Assert.That(check.IsValid, Is.True, check.Failure.ToString());
        Assert.That(check.ExpiresAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(expires)));
    }

    [TestCase("0123456789abcdef01234567&", TestName = "Signed salt without parameters is refused as malformed")]
    [TestCase("0123456789abcdef01234567?expire=1796119200&", TestName = "Signed salt with only altcha-lib's 'expire' alias is refused as malformed")]
    [TestCase("0123456789abcdef01234567?expires=soon&", TestName = "Signed salt with an unreadable expiry is refused as malformed")]
    [TestCase("0123456789abcdef01234567?expires=-1&", TestName = "Signed salt with a negative expiry is refused as malformed")]
    [TestCase("0123456789abcdef01234567?expires=999999999999&", TestName = "Signed salt with an expiry past year 9999 is refused as malformed")]
    [TestCase("0123456789abcdef01234567?expires=9999999999999999999999&", TestName = "Signed salt with an expiry of 22 digits is refused as malformed")]
    [TestCase("0123456789abcdef01234567?expires=1796119200&expires=1796119200&", TestName = "Signed salt with a repeated expiry is refused as malformed")]
    [TestCase("0123456789abcdef01234567??expires=1796119200&", TestName = "Signed salt with its expiry after a second question mark is refused as malformed")]
    public void Genuine_salt_without_one_readable_expiry_is_refused(string salt)
    {
        var challenge = Sha256Hex(salt + 5);

        var check = _pow.Check(AltchaSolver.Payload("SHA-256", challenge, 5, salt, HmacHex(Key, challenge)));

        Assert.That(check.Failure, Is.EqualTo(ProofOfWorkFailure.Malformed));
    }

    [Test]
    public void Salt_may_carry_other_parameters_around_its_expiry()
    {
        var salt = $"0123456789abcdef01234567?site=pilito&expires={(Start + Lifetime).ToUnixTimeSeconds()}&lang=fa&";
        var challenge = Sha256Hex(salt + 9);

        var check = _pow.Check(AltchaSolver.Payload("SHA-256", challenge, 9, salt, HmacHex(Key, challenge)));

        Assert.That(check.ExpiresAt, Is.EqualTo(Start + Lifetime));
    }

    [Test]
    public void Without_a_key_it_refuses_to_work_and_names_the_setting()
    {
        var keyless = Create(null, _clock);

        var create = Assert.Throws<InvalidOperationException>(() => keyless.CreateChallenge());
        var check = Assert.Throws<InvalidOperationException>(() => keyless.Check("e30="));

        Assert.That(create!.Message, Does.Contain("Challenge:HmacKey"));
        Assert.That(check!.Message, Does.Contain("Challenge:HmacKey"));
    }

    public static string HmacHex(string key, string challenge) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(challenge)));

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
