using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Api;

/// <summary>Sessions that end: sign-out of one session or of all, answers no cache keeps, the cookie for reads only.</summary>
[TestFixtureSource(typeof(TestProviders), nameof(TestProviders.Both))]
public sealed class SessionTests(TestProvider provider) : StandInFixture(provider)
{
    private const string LogoutPath = "/api/v1/usr/logout";
    private const string LogoutAllPath = "/api/v1/usr/logout/all";

    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => NewApp(kavenegar: null);

    // No cookie jar: each test sends the token or cookie it means to.
    protected override HttpClient CreateClient(PilitoApp app) => app.CreateClient(new() { HandleCookies = false });

    [Test]
    public async Task Logout_is_a_204_after_which_the_refresh_token_and_its_successors_are_refused()
    {
        var signIn = await Client.SignInAsync(Phones.NextNational());
        var first = RefreshTokenOf(signIn);
        var second = RefreshTokenOf(await RefreshAsync(first, HttpStatusCode.OK));

        using var logout = await Client.PostAsJsonAsync(LogoutPath, new Dictionary<string, string> { ["refresh_token"] = first });

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(logout.Headers.GetValues("Set-Cookie").Single(), Does.StartWith("HTTP_ACCESS=;").And.Contain("expires=Thu, 01 Jan 1970"));
        await RefreshAsync(second, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Logout_answers_the_same_for_a_token_nobody_issued()
    {
        using var logout = await Client.PostAsJsonAsync(LogoutPath, new Dictionary<string, string> { ["refresh_token"] = "never-issued" });

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task Logout_without_a_refresh_token_is_a_400_keyed_by_field()
    {
        using var logout = await Client.PostAsJsonAsync(LogoutPath, new Dictionary<string, string>());

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await logout.JsonAsync()).FieldError("refresh_token"), Is.EqualTo("This field is required."));
    }

    [Test]
    public async Task Logout_everywhere_ends_every_session_of_the_account_and_no_other()
    {
        var phone = Phones.NextNational();
        var phoneA = await Client.SignInAsync(phone);
        var phoneB = await Client.SignInAsync(phone);
        var someoneElse = await Client.SignInAsync(Phones.NextNational());

        using var request = new HttpRequestMessage(HttpMethod.Post, LogoutAllPath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", phoneA.GetProperty("access_token").GetString());
        using var logout = await Client.SendAsync(request);

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await RefreshAsync(RefreshTokenOf(phoneA), HttpStatusCode.Unauthorized);
        await RefreshAsync(RefreshTokenOf(phoneB), HttpStatusCode.Unauthorized);
        await RefreshAsync(RefreshTokenOf(someoneElse), HttpStatusCode.OK);
    }

    [Test]
    public async Task The_cookie_does_not_authorize_a_request_that_changes_state()
    {
        var signIn = await Client.SignInAsync(Phones.NextNational());
        var cookie = "HTTP_ACCESS=" + Uri.EscapeDataString("Bearer " + signIn.GetProperty("access_token").GetString());

        using var post = new HttpRequestMessage(HttpMethod.Post, LogoutAllPath);
        post.Headers.Add("Cookie", cookie);
        using var refused = await Client.SendAsync(post);
        using var get = new HttpRequestMessage(HttpMethod.Get, ApiClient.MePath);
        get.Headers.Add("Cookie", cookie);
        using var read = await Client.SendAsync(get);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a cross-site form could send the cookie");
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await RefreshAsync(RefreshTokenOf(signIn), HttpStatusCode.OK);
    }

    [Test]
    public async Task Token_answers_me_and_errors_carry_no_store_and_the_security_headers()
    {
        var phone = Phones.NextNational();
        using var requested = await Client.RequestOtpAsync(phone);
        var code = (await requested.JsonAsync()).GetProperty("code").GetString()!;
        using var verified = await Client.VerifyOtpAsync(phone, code);
        var signIn = await verified.JsonAsync();
        using var refreshed = await Client.PostAsJsonAsync(ApiClient.RefreshPath, new Dictionary<string, string> { ["refresh_token"] = RefreshTokenOf(signIn) });
        using var me = new HttpRequestMessage(HttpMethod.Get, ApiClient.MePath);
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", signIn.GetProperty("access_token").GetString());
        using var meAnswer = await Client.SendAsync(me);
        using var error = await Client.VerifyOtpAsync(phone, "not-a-code");

        foreach (var response in new[] { requested, verified, refreshed, meAnswer, error })
        {
            var where = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.AbsolutePath} {(int)response.StatusCode}";
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True, where);
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }), where);
            Assert.That(response.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }), where);
            Assert.That(response.Headers.Contains("Content-Security-Policy"), Is.True, where);
        }

        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    private async Task<JsonElement> RefreshAsync(string refreshToken, HttpStatusCode expected)
    {
        using var response = await Client.PostAsJsonAsync(ApiClient.RefreshPath, new Dictionary<string, string> { ["refresh_token"] = refreshToken });
        var body = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), body.ToString());
        return body;
    }

    private static string RefreshTokenOf(JsonElement answer) => answer.GetProperty("refresh_token").GetString()!;
}
