using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Admin.SetUserLock;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Api;

/// <summary>An account staff locked in the admin pages can neither sign in nor use the tokens it already has.</summary>
[TestFixtureSource(typeof(TestProviders), nameof(TestProviders.Both))]
public sealed class AccountLockTests(TestProvider provider) : StandInFixture(provider)
{
    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => NewApp(kavenegar: null); // about accounts, not SMS

    // No cookie jar: the access-token cookie a sign-in sets must not stand in for the token a test sends.
    protected override HttpClient CreateClient(PilitoApp app) => app.CreateClient(new() { HandleCookies = false });

    [Test]
    public async Task Locked_account_cannot_sign_in_with_a_right_code()
    {
        var phone = Phones.NextNational();
        var first = await Client.SignInAsync(phone);
        await SetLockAsync(first, locked: true);
        var code = await Client.RequestCodeAsync(phone);

        using var response = await Client.VerifyOtpAsync(phone, code);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo("This account is locked. Please contact support."));
    }

    [Test]
    public async Task Locked_account_tokens_stop_working_and_unlocking_restores_sign_in()
    {
        var phone = Phones.NextNational();
        var signIn = await Client.SignInAsync(phone);
        await SetLockAsync(signIn, locked: true);

        using var me = await GetMeAsync(signIn.GetProperty("access_token").GetString()!);
        using var refresh = await Client.PostAsJsonAsync(ApiClient.RefreshPath,
            new Dictionary<string, string> { ["refresh_token"] = signIn.GetProperty("refresh_token").GetString()! });
        await SetLockAsync(signIn, locked: false);
        var again = await Client.SignInAsync(phone);

        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(again.GetProperty("is_new_user").GetBoolean(), Is.False);
    }

    [Test]
    public async Task Unlocking_revives_no_refresh_token_issued_before_the_lock()
    {
        var phone = Phones.NextNational();
        var stolen = await Client.SignInAsync(phone);
        var otherDevice = await Client.SignInAsync(phone);
        await SetLockAsync(stolen, locked: true);
        await SetLockAsync(stolen, locked: false);

        foreach (var signIn in new[] { stolen, otherDevice })
        {
            using var refresh = await Client.PostAsJsonAsync(ApiClient.RefreshPath,
                new Dictionary<string, string> { ["refresh_token"] = signIn.GetProperty("refresh_token").GetString()! });
            Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the lock revoked it for good");
        }

        Assert.That(await Database.CountUnrevokedRefreshTokensAsync(App, stolen.GetProperty("user").GetProperty("id").GetGuid()), Is.Zero);
    }

    private async Task SetLockAsync(System.Text.Json.JsonElement signIn, bool locked)
    {
        var userId = signIn.GetProperty("user").GetProperty("id").GetGuid();
        await using var scope = App.Services.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SetUserLockCommand(userId, locked, Staff.Operator));
        Assert.That(found, Is.True);
    }

    private async Task<HttpResponseMessage> GetMeAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiClient.MePath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await Client.SendAsync(request);
    }
}
