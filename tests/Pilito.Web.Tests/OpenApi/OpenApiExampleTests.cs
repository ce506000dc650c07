using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.OpenApi;

/// <summary>The document's examples are what the server really answers: real requests, compared body for body.</summary>
public sealed class OpenApiExampleTests
{
    private const string Phone = "{phone}"; // replaced by a fresh number per case

    private PilitoApp _app = null!;
    private HttpClient _client = null!;
    private OpenApiDocument _document = null!;

    [OneTimeSetUp]
    public async Task ReadDocumentAsync()
    {
        _app = new PilitoApp(null, new Dictionary<string, string?> { ["Otp:RevealCodes"] = "false" });
        _client = _app.CreateClient();
        _document = await OpenApiDocument.ReadAsync(_app, _client);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [TestCase("/api/v1/usr/otp", "application/json", """{"phone_number": "02112345678"}""", 400, "invalid_phone")]
    [TestCase("/api/v1/usr/otp", "application/json", """{}""", 400, "phone_required")]
    [TestCase("/api/v1/usr/otp", "application/json", """{"phone_number": ""}""", 400, "phone_blank")]
    [TestCase("/api/v1/usr/otp", "application/json", """{"phone_number": 9123456789}""", 400, "phone_not_a_string")]
    [TestCase("/api/v1/usr/otp", "application/json", """{"phone_number": "{phone}", "channel": "fax"}""", 400, "invalid_channel")]
    [TestCase("/api/v1/usr/otp", "application/json", """{"phone_number":}""", 400, "not_json")]
    [TestCase("/api/v1/usr/otp", "application/json", """[]""", 400, "not_an_object")]
    [TestCase("/api/v1/usr/otp", "text/plain", """{"phone_number": "{phone}"}""", 415, "unsupported_media_type")]
    [TestCase("/api/v1/usr/otp/verify", "application/json", """{"phone_number": "{phone}", "code": "123456"}""", 400, "invalid_code")]
    [TestCase("/api/v1/usr/otp/verify", "application/json", """{"phone_number": "{phone}", "code": "1", "create_user": "maybe"}""", 400, "create_user_not_a_boolean")]
    [TestCase("/api/v1/usr/token/refresh", "application/json", """{"refresh_token": "no-such-token"}""", 401, "token_not_valid")]
    [TestCase("/api/v1/usr/logout", "application/json", """{}""", 400, "refresh_token_required")]
    public async Task Refusal_is_answered_exactly_as_documented(string path, string contentType, string body, int status, string example)
    {
        using var content = new StringContent(body.Replace(Phone, Phones.NextNational(), StringComparison.Ordinal), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        using var response = await _client.PostAsync(path, content);

        await AssertAnswersAsync(response, _document.Operation("POST", path), status, example);
    }

    [Test]
    public async Task Body_over_4_KB_is_answered_as_documented()
    {
        var body = $$"""{"phone_number": "{{new string('9', 5000)}}"}""";

        using var response = await _client.PostRawAsync(ApiClient.RequestOtpPath, body);

        await AssertAnswersAsync(response, _document.Operation("POST", ApiClient.RequestOtpPath), 413, "too_large");
    }

    [TestCase(null, "no_credentials")]
    [TestCase("Bearer not-a-jwt", "invalid_token")]
    public async Task Me_without_a_valid_token_is_answered_as_documented(string? authorization, string example)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiClient.MePath);
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await _client.SendAsync(request);

        await AssertAnswersAsync(response, _document.Operation("GET", ApiClient.MePath), 401, example);
    }

    [Test]
    public async Task Phone_past_its_window_is_answered_as_documented_with_Retry_After()
    {
        var phone = Phones.NextNational();
        for (var i = 0; i < 3; i++)
        {
            using var sent = await _client.RequestOtpAsync(phone);
            Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var response = await _client.RequestOtpAsync(phone);

        await AssertAnswersAsync(response, _document.Operation("POST", ApiClient.RequestOtpPath), 429, "phone_limited");
        Assert.That(response.Headers.RetryAfter?.Delta?.TotalSeconds, Is.GreaterThan(0), "Retry-After, as documented");
    }

    [Test]
    public async Task Code_sent_has_the_documented_members()
    {
        using var response = await _client.RequestOtpAsync(Phones.NextNational());

        var actual = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var documented = _document.Operation("POST", ApiClient.RequestOtpPath).Example(200, "sent").AsObject();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(actual.Select(m => m.Key), Is.EqualTo(documented.Select(m => m.Key)));
        Assert.That(actual["message"]!.GetValue<string>(), Is.EqualTo(documented["message"]!.GetValue<string>()));
        Assert.That(actual["expires_in"]!.GetValue<int>(), Is.EqualTo(documented["expires_in"]!.GetValue<int>()));
    }

    private static async Task AssertAnswersAsync(HttpResponseMessage response, Operation operation, int status, string example)
    {
        var text = await response.Content.ReadAsStringAsync();
        var documented = operation.Example(status, example).DeepClone();
        var actual = JsonNode.Parse(text);
        Assert.That((int)response.StatusCode, Is.EqualTo(status), text);
        if (documented["trace_id"] is not null) // names the request: present in both, compared by shape only
        {
            Assert.That(actual?["trace_id"]?.GetValue<string>(), Does.Match("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$"));
            actual!.AsObject().Remove("trace_id");
            documented.AsObject().Remove("trace_id");
        }

        Assert.That(JsonNode.DeepEquals(actual, documented), Is.True,
            $"{operation} answered\n{text}\nbut documents {example} as\n{documented.ToJsonString()}");
    }
}
