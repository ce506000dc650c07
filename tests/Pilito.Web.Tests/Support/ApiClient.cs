using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Pilito.Web.Tests.Support;

/// <summary>Calls the API the way apps do and reads answers as raw JSON, so tests check the contract's exact keys.</summary>
public static class ApiClient
{
    public const string RequestOtpPath = "/api/v1/usr/otp";
    public const string VerifyOtpPath = "/api/v1/usr/otp/verify";
    public const string RefreshPath = "/api/v1/usr/token/refresh";
    public const string MePath = "/api/v1/usr/me";

    public static Task<HttpResponseMessage> RequestOtpAsync(this HttpClient client, string phone) =>
        client.PostAsJsonAsync(RequestOtpPath, new Dictionary<string, string> { ["phone_number"] = phone });

    public static Task<HttpResponseMessage> VerifyOtpAsync(this HttpClient client, string phone, string code) =>
        client.PostAsJsonAsync(VerifyOtpPath, new Dictionary<string, string> { ["phone_number"] = phone, ["code"] = code });

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string body, string contentType = "application/json") =>
        client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    /// <summary>Requests a code and returns it (tests run with Otp:RevealCodes on).</summary>
    public static async Task<string> RequestCodeAsync(this HttpClient client, string phone)
    {
        using var response = await client.RequestOtpAsync(phone);
        var body = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body.GetProperty("code").GetString()!;
    }

    /// <summary>Requests a code as a new client does: returns the code and the verification id it was answered with.</summary>
    public static async Task<(string Code, string VerificationId)> RequestVerificationAsync(this HttpClient client, string phone)
    {
        using var response = await client.RequestOtpAsync(phone);
        var body = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return (body.GetProperty("code").GetString()!, body.GetProperty("verification_id").GetString()!);
    }

    public static Task<HttpResponseMessage> VerifyOtpAsync(this HttpClient client, string phone, string code, string verificationId) =>
        client.PostAsJsonAsync(VerifyOtpPath, new Dictionary<string, string>
        {
            ["phone_number"] = phone,
            ["code"] = code,
            ["verification_id"] = verificationId,
        });

    /// <summary>Requests a code and signs in with it; returns the sign-in answer.</summary>
    public static async Task<JsonElement> SignInAsync(this HttpClient client, string phone)
    {
        var code = await client.RequestCodeAsync(phone);
        using var response = await client.VerifyOtpAsync(phone, code);
        var body = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The single message of a field error: {"field": ["message"]}.</summary>
    /// <summary>A 400 whose body names exactly one field, <paramref name="field"/>, with <paramref name="message"/>.</summary>
    public static async Task AssertOnlyFieldErrorAsync(this HttpResponseMessage response, string field, string message)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var body = await response.JsonAsync();
        Assert.That(body.Keys(), Is.EqualTo(new[] { field }));
        Assert.That(body.FieldError(field), Is.EqualTo(message));
    }

    public static string? FieldError(this JsonElement body, string field) =>
        body.TryGetProperty(field, out var messages) && messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() == 1
            ? messages[0].GetString()
            : null;

    public static string[] Keys(this JsonElement body) => [.. body.EnumerateObject().Select(p => p.Name).Order()];
}
