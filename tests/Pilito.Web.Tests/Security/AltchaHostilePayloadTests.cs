using System.Text;
using Microsoft.Extensions.Time.Testing;
using Pilito.Application.Common.Ports;
using Pilito.Infrastructure.Security;

namespace Pilito.Web.Tests.Security;

/// <summary>Whatever a client posts as its proof of work, the answer is a refusal, never an exception.</summary>
public sealed class AltchaHostilePayloadTests
{
    // Right shapes, wrong values: each case breaks one thing about an otherwise well-formed payload.
    private const string Hex64 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string Salt = "0123456789abcdef01234567?expires=1796119200&";
    private const string Members = "\"algorithm\":\"SHA-256\",\"challenge\":\"" + Hex64 + "\",\"salt\":\"" + Salt + "\",\"signature\":\"" + Hex64 + "\"";

    private AltchaProofOfWork _pow = null!;

    [SetUp]
    public void CreateProofOfWork() => _pow = AltchaProofOfWorkTests.Create(AltchaProofOfWorkTests.Key, new FakeTimeProvider());

    private static IEnumerable<TestCaseData> NotBase64()
    {
        yield return Raw("null", null);
        yield return Raw("empty", "");
        yield return Raw("spaces", "    ");
        yield return Raw("not base64", "not base64!");
        yield return Raw("padding only", "====");
        yield return Raw("length not a multiple of four", "e30");
        yield return Raw("base64url alphabet", "eyJ-_w==");
        yield return Raw("non-ASCII", "ÿÿÿÿ");
        yield return Raw("NUL characters", "\0\0\0\0");
        yield return Raw("a JSON object, not base64 of one", "{" + Members + ",\"number\":1}");
        yield return Raw("100 KB", new string('A', 100_000));
        yield return Raw("2.4 KB of valid base64", Convert.ToBase64String(Encoding.UTF8.GetBytes("{" + Members + ",\"number\":1,\"pad\":\"" + new string('x', 1600) + "\"}")));

        static TestCaseData Raw(string name, string? payload) => new TestCaseData(payload).SetArgDisplayNames(name);
    }

    private static IEnumerable<TestCaseData> NotThePayload()
    {
        yield return Json("three zero bytes", "\0\0\0");
        yield return Json("text", "hello");
        yield return Json("null", "null");
        yield return Json("an array", "[" + Members.Replace(':', ',') + "]");
        yield return Json("a string", "\"SHA-256\"");
        yield return Json("a number", "42");
        yield return Json("an empty object", "{}");
        yield return Json("an object cut short", "{" + Members);
        yield return Json("trailing garbage", "{" + Members + ",\"number\":1} x");
        yield return Json("a comment", "{" + Members + ",/* hi */\"number\":1}");
        yield return Json("a trailing comma", "{" + Members + ",\"number\":1,}");
        yield return Json("single quotes", "{'algorithm':'SHA-256'}");
        yield return Json("a raw newline in a string", "{" + Members.Replace("SHA-256", "SHA-\n256", StringComparison.Ordinal) + ",\"number\":1}");
        yield return Json("no number", "{" + Members + "}");
        yield return Json("no algorithm", "{" + Drop("algorithm") + ",\"number\":1}");
        yield return Json("no challenge", "{" + Drop("challenge") + ",\"number\":1}");
        yield return Json("no salt", "{" + Drop("salt") + ",\"number\":1}");
        yield return Json("no signature", "{" + Drop("signature") + ",\"number\":1}");
        yield return Json("number as a string", "{" + Members + ",\"number\":\"1\"}");
        yield return Json("number negative", "{" + Members + ",\"number\":-1}");
        yield return Json("number a fraction", "{" + Members + ",\"number\":1.5}");
        yield return Json("number with a decimal point", "{" + Members + ",\"number\":1.0}");
        yield return Json("number with an exponent", "{" + Members + ",\"number\":1e3}");
        yield return Json("number past double", "{" + Members + ",\"number\":1e400}");
        yield return Json("number past long", "{" + Members + ",\"number\":99999999999999999999999}");
        yield return Json("number of 1000 digits", "{" + Members + ",\"number\":" + new string('9', 1000) + "}");
        yield return Json("number true", "{" + Members + ",\"number\":true}");
        yield return Json("number null", "{" + Members + ",\"number\":null}");
        yield return Json("number an object", "{" + Members + ",\"number\":{}}");
        yield return Json("number an array", "{" + Members + ",\"number\":[1]}");
        yield return Json("number NaN", "{" + Members + ",\"number\":NaN}");
        yield return Json("number repeated", "{" + Members + ",\"number\":1,\"number\":2}");
        yield return Json("salt repeated", "{" + Members + ",\"salt\":\"x&\",\"number\":1}");
        yield return Json("algorithm a number", "{" + Members.Replace("\"SHA-256\"", "256", StringComparison.Ordinal) + ",\"number\":1}");
        yield return Json("algorithm null", "{" + Members.Replace("\"SHA-256\"", "null", StringComparison.Ordinal) + ",\"number\":1}");
        yield return Json("salt empty", "{" + Members.Replace(Salt, "", StringComparison.Ordinal) + ",\"number\":1}");
        yield return Json("challenge an object", "{" + Members.Replace("\"challenge\":\"" + Hex64 + "\"", "\"challenge\":{}", StringComparison.Ordinal) + ",\"number\":1}");
        yield return Json("signature an array", "{" + Members.Replace("\"signature\":\"" + Hex64 + "\"", "\"signature\":[]", StringComparison.Ordinal) + ",\"number\":1}");
        yield return Json("deep nesting", "{" + Members + ",\"number\":1,\"took\":" + new string('[', 50) + new string(']', 50) + "}");
        yield return Json("a lone surrogate escape", "{" + Members.Replace("SHA-256", "SHA-256\\ud800", StringComparison.Ordinal) + ",\"number\":1}");
        yield return Bytes("invalid UTF-8 in a string", [.. Encoding.UTF8.GetBytes("{" + Members + ",\"number\":1,\"took\":\""), 0xC3, 0x28, (byte)'"', (byte)'}']);
        yield return Bytes("overlong UTF-8 encoding", [.. Encoding.UTF8.GetBytes("{\"algorithm\":\""), 0xC0, 0xAF, (byte)'"', (byte)'}']);

        static TestCaseData Json(string name, string json) => Bytes(name, Encoding.UTF8.GetBytes(json));
        static TestCaseData Bytes(string name, byte[] json) => new TestCaseData(Convert.ToBase64String(json)).SetArgDisplayNames(name);
        static string Drop(string member) => string.Join(',', Members.Split(',').Where(m => !m.StartsWith($"\"{member}\"", StringComparison.Ordinal)));
    }

    [TestCaseSource(nameof(NotBase64))]
    [TestCaseSource(nameof(NotThePayload))]
    public void Hostile_payload_is_refused_as_malformed_without_an_exception(string? payload)
    {
        ProofOfWorkCheck check = null!;

        Assert.DoesNotThrow(() => check = _pow.Check(payload));

        Assert.That(check.Failure, Is.EqualTo(ProofOfWorkFailure.Malformed));
        Assert.That(check.SingleUseKey, Is.Null);
    }

    [Test]
    public void Well_formed_payload_with_made_up_values_is_refused_for_its_signature()
    {
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes("{" + Members + ",\"number\":1,\"took\":[[1]]}"));

        var check = _pow.Check(payload);

        Assert.That(check.Failure, Is.EqualTo(ProofOfWorkFailure.BadSignature), "the table's base is well formed");
    }
}
