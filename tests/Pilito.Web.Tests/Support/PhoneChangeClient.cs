using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Pilito.Web.Tests.Support;

/// <summary>The phone-change calls as an app makes them: with the signed-in session's bearer token.</summary>
public static class PhoneChangeClient
{
    public const string RequestPath = "/api/v1/usr/phone";
    public const string VerifyPath = "/api/v1/usr/phone/verify";

    public static Task<HttpResponseMessage> RequestPhoneChangeAsync(this HttpClient client, string? accessToken, string phone) =>
        client.SendAsync(Post(RequestPath, accessToken, new Dictionary<string, string> { ["phone_number"] = phone }));

    public static Task<HttpResponseMessage> VerifyPhoneChangeAsync(this HttpClient client, string? accessToken, string phone, string code, string? verificationId = null)
    {
        var body = new Dictionary<string, string> { ["phone_number"] = phone, ["code"] = code };
        if (verificationId is not null)
            body["verification_id"] = verificationId;
        return client.SendAsync(Post(VerifyPath, accessToken, body));
    }

    /// <summary>Requests a phone-change code and returns it with its verification id (tests run with Otp:RevealCodes on).</summary>
    public static async Task<(string Code, string VerificationId)> RequestPhoneChangeCodeAsync(this HttpClient client, string accessToken, string phone)
    {
        using var response = await client.RequestPhoneChangeAsync(accessToken, phone);
        var body = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return (body.GetProperty("code").GetString()!, body.GetProperty("verification_id").GetString()!);
    }

    public static async Task<JsonElement> CurrentUserAsync(this HttpClient client, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiClient.MePath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await client.SendAsync(request);
        var body = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body;
    }

    public static async Task<HttpResponseMessage> RefreshAsync(this HttpClient client, string refreshToken) =>
        await client.PostAsJsonAsync(ApiClient.RefreshPath, new Dictionary<string, string> { ["refresh_token"] = refreshToken });

    public static string AccessTokenOf(JsonElement signIn) => signIn.GetProperty("access_token").GetString()!;

    public static string RefreshTokenOf(JsonElement signIn) => signIn.GetProperty("refresh_token").GetString()!;

    public static string UserIdOf(JsonElement signIn) => signIn.GetProperty("user").GetProperty("id").GetString()!;

    /// <summary>How many accounts hold <paramref name="e164"/> as their phone.</summary>
    public static Task<long> CountAccountsAsync(PilitoApp app, string e164) =>
        Database.ScalarAsync(app, """SELECT COUNT(*) FROM "AspNetUsers" WHERE "PhoneNumber" = @phone""", ("@phone", e164));

    private static HttpRequestMessage Post(string path, string? accessToken, Dictionary<string, string> body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (accessToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return request;
    }
}
