using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Api;

/// <summary>
/// Hostile and malformed bodies against every API endpoint: each gets a documented 4xx body (docs/api.md),
/// never a 5xx, and the server keeps serving.
/// </summary>
[TestFixtureSource(typeof(TestProviders), nameof(TestProviders.Both))]
public sealed class HostileInputTests(TestProvider provider) : StandInFixture(provider)
{
    private static readonly string[] Endpoints = [ApiClient.RequestOtpPath, ApiClient.VerifyOtpPath, ApiClient.RefreshPath];

    private static readonly HashSet<string> DocumentedFieldMessages =
    [
        "This field is required.", "This field may not be blank.", "Not a valid string.",
        "Please provide a valid Iranian phone number", "Invalid or expired OTP code.",
        "Too many attempts for this phone number. Please try again later.",
    ];

    private static readonly HashSet<string> Fields = ["phone_number", "code", "refresh_token"];

    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => NewApp(kavenegar: null);

    /// <summary>Whole bodies that are wrong however the endpoint reads them.</summary>
    public static IEnumerable<TestCaseData> WholeBodies()
    {
        var cases = new (string Name, byte[] Body, string ContentType)[]
        {
            ("invalid UTF-8 byte", Bytes("{\"phone_number\": \"0912"), "application/json"),
            ("overlong UTF-8 slash", [.. Utf8("{\"phone_number\": \""), 0xC0, 0xAF, .. Utf8("\"}")], "application/json"),
            ("UTF-8 encoded lone surrogate", [.. Utf8("{\"phone_number\": \""), 0xED, 0xA0, 0x80, .. Utf8("\"}")], "application/json"),
            ("bare 0xFF bytes", [0xFF, 0xFE, 0xFD], "application/json"),
            ("UTF-16 body with its BOM", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("{\"phone_number\": \"09123456789\"}")], "application/json"),
            ("BOM only", [0xEF, 0xBB, 0xBF], "application/json"),
            ("empty body", [], "application/json"),
            ("whitespace only", Utf8(" \n\t "), "application/json"),
            ("null document", Utf8("null"), "application/json"),
            ("empty array", Utf8("[]"), "application/json"),
            ("number document", Utf8("123"), "application/json"),
            ("string document", Utf8("\"09123456789\""), "application/json"),
            ("boolean document", Utf8("true"), "application/json"),
            ("1e400 document", Utf8("1e400"), "application/json"),
            ("arrays nested 1000 deep", Utf8(new string('[', 1000) + new string(']', 1000)), "application/json"),
            ("objects nested 100 deep", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100)), "application/json"),
            ("duplicate keys", Utf8("{\"phone_number\": \"09123456789\", \"phone_number\": \"09123456780\"}"), "application/json"),
            ("duplicate keys differing in case only are two fields", Utf8("{\"Phone_Number\": \"09123456789\"}"), "application/json"),
            ("truncated object", Utf8("{\"phone_number\": \"0912"), "application/json"),
            ("trailing comma", Utf8("{\"phone_number\": \"09123456789\",}"), "application/json"),
            ("comment", Utf8("{\"phone_number\": \"09123456789\" // hi\n}"), "application/json"),
            ("single quotes", Utf8("{'phone_number': '09123456789'}"), "application/json"),
            ("unquoted key", Utf8("{phone_number: \"09123456789\"}"), "application/json"),
            ("NaN", Utf8("{\"phone_number\": NaN}"), "application/json"),
            ("Infinity", Utf8("{\"phone_number\": Infinity}"), "application/json"),
            ("two documents", Utf8("{}{}"), "application/json"),
            ("raw control character in a string", Utf8("{\"phone_number\": \"0912\u0001345\"}"), "application/json"),
            ("raw newline in a string", Utf8("{\"phone_number\": \"0912\n345\"}"), "application/json"),
            ("invalid escape", Utf8("{\"phone_number\": \"\\q\"}"), "application/json"),
            ("truncated unicode escape", Utf8("{\"phone_number\": \"\\u12\"}"), "application/json"),
            ("body over the limit", Utf8("{\"phone_number\": \"" + new string('9', 5000) + "\"}"), "application/json"),
            ("body over the limit in whitespace", Utf8("{" + new string(' ', 5000) + "}"), "application/json"),
            ("3000-character key", Utf8("{\"" + new string('k', 3000) + "\": 1}"), "application/json"),
            ("text/plain", Utf8("{\"phone_number\": \"09123456789\"}"), "text/plain"),
            ("XML", Utf8("<phone_number>09123456789</phone_number>"), "application/xml"),
            ("form", Utf8("phone_number=09123456789"), "application/x-www-form-urlencoded"),
            ("multipart", Utf8("--x\r\nContent-Disposition: form-data; name=\"phone_number\"\r\n\r\n09123456789\r\n--x--"), "multipart/form-data; boundary=x"),
        };
        foreach (var endpoint in Endpoints)
        {
            foreach (var (name, body, contentType) in cases)
                yield return new TestCaseData(endpoint, body, contentType).SetName($"{endpoint} ← {name}");
        }
    }

    /// <summary>Raw JSON values put where a string field belongs.</summary>
    private static readonly (string Name, string Json)[] FieldValues =
    [
        ("number", "9123456789"), ("negative number", "-1"), ("zero", "0"), ("fraction", "1.5"), ("1e400", "1e400"),
        ("-1e400", "-1e400"), ("1 and 300 zeros", "1" + new string('0', 300)), ("true", "true"), ("false", "false"),
        ("empty array", "[]"), ("array of the number", "[\"09123456789\"]"), ("empty object", "{}"),
        ("operator object", "{\"$ne\": null}"), ("empty string", "\"\""), ("spaces", "\"   \""),
        ("escaped null byte", "\"\\u0000\""), ("null byte inside", "\"0912\\u00003456789\""),
        ("mathematical digits", "\"𝟘𝟡𝟙𝟚𝟛𝟜𝟝𝟞𝟟𝟠𝟡\""), ("emoji", "\"😀\""), ("digits then emoji", "\"09123456789😀\""),
        ("SQL tautology", "\"' OR 1=1 --\""), ("SQL drop", "\"'; DROP TABLE OtpTokens; --\""),
        ("script tag", "\"<script>alert(1)</script>\""), ("template injection", "\"{{7*7}}\""),
        ("JNDI lookup", "\"${jndi:ldap://127.0.0.1/a}\""), ("path traversal", "\"../../etc/passwd\""),
        ("percent-encoded null", "\"%00\""), ("3000 letters", "\"" + new string('a', 3000) + "\""),
        ("digits with a letter", "\"0912345678a\""), ("extension", "\"+98 912 345 67 89 ext 1\""),
        ("escaped lone surrogate", "\"\\ud800\""), ("Devanagari digits", "\"०९१२३४५६७८९\""),
        ("ideographic spaces", "\"0912\u3000345\u30006789\""), ("full-width plus", "\"\uFF0B989123456789\""),
        ("newline escapes", "\"0912\\n345\\n6789\""), ("tabs between digits", "\"0912\\t345\\t6789\""),
    ];

    public static IEnumerable<TestCaseData> FieldBodies()
    {
        foreach (var (name, json) in FieldValues)
        {
            yield return Case(ApiClient.RequestOtpPath, $"{{\"phone_number\": {json}}}", $"phone_number ← {name}");
            yield return Case(ApiClient.VerifyOtpPath, $"{{\"phone_number\": {json}, \"code\": \"123456\"}}", $"phone_number ← {name}");
            yield return Case(ApiClient.VerifyOtpPath, $"{{\"phone_number\": \"09350000000\", \"code\": {json}}}", $"code ← {name}");
            yield return Case(ApiClient.RefreshPath, $"{{\"refresh_token\": {json}}}", $"refresh_token ← {name}");
        }

        static TestCaseData Case(string endpoint, string body, string name) =>
            new TestCaseData(endpoint, Utf8(body), "application/json").SetName($"{endpoint} ← {name}");
    }

    [TestCaseSource(nameof(WholeBodies))]
    [TestCaseSource(nameof(FieldBodies))]
    public async Task Hostile_body_gets_a_documented_4xx(string endpoint, byte[] body, string contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await Client.PostAsync(endpoint, content);

        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(status, Is.InRange(400, 499), text);
        AssertDocumentedBody(JsonDocument.Parse(text).RootElement, text);
    }

    [Test]
    public async Task Server_keeps_serving_after_the_corpus()
    {
        foreach (var data in WholeBodies().Concat(FieldBodies()))
        {
            using var content = new ByteArrayContent((byte[])data.Arguments[1]!);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse((string)data.Arguments[2]!);
            using var hostile = await Client.PostAsync((string)data.Arguments[0]!, content);
            Assert.That((int)hostile.StatusCode, Is.LessThan(500), data.TestName);
        }

        var signIn = await Client.SignInAsync(Phones.NextNational());

        Assert.That(signIn.GetProperty("access_token").GetString(), Is.Not.Empty);
    }

    private static void AssertDocumentedBody(JsonElement body, string text)
    {
        Assert.That(body.ValueKind, Is.EqualTo(JsonValueKind.Object), text);
        if (body.TryGetProperty("detail", out var detail))
        {
            Assert.That(detail.ValueKind, Is.EqualTo(JsonValueKind.String), text);
            return;
        }

        foreach (var field in body.EnumerateObject())
        {
            Assert.That(Fields, Does.Contain(field.Name), text);
            Assert.That(field.Value.ValueKind, Is.EqualTo(JsonValueKind.Array), text);
            foreach (var message in field.Value.EnumerateArray())
                Assert.That(DocumentedFieldMessages, Does.Contain(message.GetString()), text);
        }

        Assert.That(body.EnumerateObject().Count(), Is.GreaterThan(0), text);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Bytes(string prefix) => [.. Utf8(prefix), 0xFF, .. Utf8("\"}")];
}
