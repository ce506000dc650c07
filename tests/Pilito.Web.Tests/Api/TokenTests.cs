using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Api;

[TestFixtureSource(typeof(TestProviders), nameof(TestProviders.Both))]
public sealed class TokenTests(TestProvider provider) : StandInFixture(provider)
{
    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => NewApp(kavenegar: null); // about tokens, not SMS

    // No cookie jar: the access-token cookie a sign-in sets must not stand in for the token a test sends.
    protected override HttpClient CreateClient(PilitoApp app) => app.CreateClient(new() { HandleCookies = false });

    [Test]
    public async Task Me_with_the_bearer_token_returns_the_account()
    {
        var signIn = await Client.SignInAsync(Phones.NextNational());

        using var response = await GetMeAsync(bearer: signIn.GetProperty("access_token").GetString());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var me = await response.JsonAsync();
        Assert.That(me.Keys(), Is.EqualTo(new[] { "date_joined", "id", "phone_number" }));
        Assert.That(JsonElement.DeepEquals(me, signIn.GetProperty("user")), Is.True, $"{me} vs {signIn.GetProperty("user")}");
    }

    [Test]
    public async Task Me_accepts_the_HTTP_ACCESS_cookie_in_place_of_the_header()
    {
        var signIn = await Client.SignInAsync(Phones.NextNational());
        var cookie = "HTTP_ACCESS=" + Uri.EscapeDataString("Bearer " + signIn.GetProperty("access_token").GetString());

        using var response = await GetMeAsync(cookie: cookie);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Me_without_a_token_is_a_401()
    {
        using var response = await GetMeAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo("Authentication credentials were not provided."));
    }

    [TestCase("not-a-jwt")]
    [TestCase("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")]
    public async Task Me_with_a_bad_token_is_a_401(string token)
    {
        using var response = await GetMeAsync(bearer: token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo("Given token not valid for any token type"));
    }

    [Test]
    public async Task Me_refuses_a_token_signed_with_another_key()
    {
        await using var other = NewApp(null, new Dictionary<string, string?> { ["Auth:SigningKey"] = "another-signing-key-for-another-deployment" });
        using var otherClient = other.CreateClient();
        var foreign = await otherClient.SignInAsync(Phones.NextNational());

        using var response = await GetMeAsync(bearer: foreign.GetProperty("access_token").GetString());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Refresh_returns_a_new_pair_that_works()
    {
        var signIn = await Client.SignInAsync(Phones.NextNational());

        using var response = await RefreshAsync(signIn.GetProperty("refresh_token").GetString()!);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var pair = await response.JsonAsync();
        Assert.That(pair.Keys(), Is.EqualTo(new[] { "access_token", "expires_in", "refresh_token", "token_type" }));
        Assert.That(pair.GetProperty("refresh_token").GetString(), Is.Not.EqualTo(signIn.GetProperty("refresh_token").GetString()));
        using var me = await GetMeAsync(bearer: pair.GetProperty("access_token").GetString());
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Refresh_token_used_twice_revokes_its_whole_chain()
    {
        var signIn = await Client.SignInAsync(Phones.NextNational());
        var stolen = signIn.GetProperty("refresh_token").GetString()!;
        using var first = await RefreshAsync(stolen);
        var successor = (await first.JsonAsync()).GetProperty("refresh_token").GetString()!;

        using var replay = await RefreshAsync(stolen);
        using var afterReplay = await RefreshAsync(successor);

        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(afterReplay.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the successor dies with its chain");
        Assert.That((await afterReplay.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo("Token is invalid or expired"));
    }

    [Test]
    public async Task Unknown_refresh_token_is_a_401()
    {
        using var response = await RefreshAsync("made-up-token");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Missing_refresh_token_is_a_400_keyed_by_field()
    {
        using var response = await Client.PostRawAsync(ApiClient.RefreshPath, "{}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.JsonAsync()).FieldError("refresh_token"), Is.EqualTo("This field is required."));
    }

    [Test]
    public async Task Simultaneous_refreshes_with_one_token_succeed_at_most_once()
    {
        var signIn = await Client.SignInAsync(Phones.NextNational());
        var token = signIn.GetProperty("refresh_token").GetString()!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => RefreshAsync(token)));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.LessThanOrEqualTo(1));
        Assert.That(responses.All(r => r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized), Is.True);
        foreach (var response in responses)
            response.Dispose();
    }

    private Task<HttpResponseMessage> RefreshAsync(string token) =>
        Client.PostAsJsonAsync(ApiClient.RefreshPath, new Dictionary<string, string> { ["refresh_token"] = token });

    private async Task<HttpResponseMessage> GetMeAsync(string? bearer = null, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiClient.MePath);
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (cookie is not null)
            request.Headers.Add("Cookie", cookie);
        return await Client.SendAsync(request);
    }
}
