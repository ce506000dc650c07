using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pilito.Infrastructure.Identity;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Api;

[TestFixtureSource(typeof(TestProviders), nameof(TestProviders.Both))]
public sealed class VerifyOtpTests(TestProvider provider) : StandInFixture(provider)
{
    private const string InvalidCode = "Invalid or expired OTP code.";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => NewApp(kavenegar.BaseUrl, clock: _clock);

    [Test]
    public async Task Right_code_signs_a_new_user_in_with_the_Django_body()
    {
        var phone = Phones.NextNational();
        var code = await Client.RequestCodeAsync(phone);

        using var response = await Client.VerifyOtpAsync(phone, code);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await response.JsonAsync();
        Assert.That(body.Keys(), Is.EqualTo(new[] { "access_token", "expires_in", "is_new_user", "refresh_token", "token_type", "user" }));
        Assert.That(body.GetProperty("token_type").GetString(), Is.EqualTo("Bearer"));
        Assert.That(body.GetProperty("expires_in").GetInt32(), Is.EqualTo(900));
        Assert.That(body.GetProperty("is_new_user").GetBoolean(), Is.True);
        Assert.That(body.GetProperty("access_token").GetString()!.Split('.'), Has.Length.EqualTo(3), "a JWT");
        Assert.That(body.GetProperty("refresh_token").GetString(), Is.Not.Empty);
        var user = body.GetProperty("user");
        Assert.That(user.Keys(), Is.EqualTo(new[] { "date_joined", "id", "phone_number" }));
        Assert.That(user.GetProperty("phone_number").GetString(), Is.EqualTo(Phones.ToE164(phone)));
        Assert.That(user.GetProperty("id").GetGuid(), Is.Not.EqualTo(Guid.Empty));
        Assert.That(user.GetProperty("date_joined").GetDateTimeOffset(), Is.EqualTo(_clock.GetUtcNow()).Within(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task Access_token_is_also_set_as_an_HttpOnly_Lax_cookie()
    {
        var phone = Phones.NextNational();
        var code = await Client.RequestCodeAsync(phone);

        using var response = await Client.VerifyOtpAsync(phone, code);

        var body = await response.JsonAsync();
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("HTTP_ACCESS=", StringComparison.Ordinal));
        Assert.That(Uri.UnescapeDataString(cookie.Split(';')[0]), Is.EqualTo("HTTP_ACCESS=Bearer " + body.GetProperty("access_token").GetString()));
        Assert.That(cookie, Does.Contain("httponly").IgnoreCase);
        Assert.That(cookie, Does.Contain("samesite=lax").IgnoreCase);
        Assert.That(cookie, Does.Contain("secure").IgnoreCase, "Secure outside Development");
    }

    [Test]
    public async Task Later_sign_in_finds_the_same_user()
    {
        var phone = Phones.NextNational();
        var first = await Client.SignInAsync(phone);

        var second = await Client.SignInAsync(phone);

        Assert.That(second.GetProperty("is_new_user").GetBoolean(), Is.False);
        Assert.That(second.GetProperty("user").GetProperty("id").GetGuid(), Is.EqualTo(first.GetProperty("user").GetProperty("id").GetGuid()));
    }

    [Test]
    public async Task Account_made_by_the_first_sign_in_is_a_whole_Identity_account()
    {
        var phone = Phones.NextNational();
        var signIn = await Client.SignInAsync(phone);

        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PilitoUser>>();
        var user = await users.FindByNameAsync(Phones.ToE164(phone));
        Assert.That(user, Is.Not.Null, "found by its normalised user name");
        Assert.That(user!.Id, Is.EqualTo(signIn.GetProperty("user").GetProperty("id").GetGuid()));
        Assert.That(user.PhoneNumber, Is.EqualTo(Phones.ToE164(phone)));
        Assert.That(user.PhoneNumberConfirmed, Is.True);
        Assert.That(await users.GetSecurityStampAsync(user), Is.Not.Empty);
        Assert.That(user.LockoutEnabled, Is.True, "staff can lock it");
        Assert.That(user.LastLoginAt, Is.EqualTo(_clock.GetUtcNow()).Within(TimeSpan.FromSeconds(1)));
        Assert.That((await users.UpdateAsync(user)).Succeeded, Is.True, "its concurrency stamp is the one stored");
    }

    [Test]
    public async Task Code_typed_in_Persian_digits_verifies()
    {
        var phone = Phones.NextNational();
        var code = await Client.RequestCodeAsync(phone);
        var persian = new string([.. code.Select(c => (char)('۰' + (c - '0')))]);

        using var response = await Client.VerifyOtpAsync(phone, persian);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Code_typed_in_Arabic_Indic_digits_verifies()
    {
        var phone = Phones.NextNational();
        var code = await Client.RequestCodeAsync(phone);
        var arabic = new string([.. code.Select(c => (char)('٠' + (c - '0')))]);

        using var response = await Client.VerifyOtpAsync(phone, arabic);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Wrong_code_is_the_invalid_code_400()
    {
        var phone = Phones.NextNational();
        var code = await Client.RequestCodeAsync(phone);

        await AssertInvalidAsync(phone, Wrong(code));
    }

    [Test]
    public async Task Phone_without_any_code_gets_the_same_400()
    {
        await AssertInvalidAsync(Phones.NextNational(), "123456");
    }

    [Test]
    public async Task Used_code_is_refused_the_second_time()
    {
        var phone = Phones.NextNational();
        var code = await Client.RequestCodeAsync(phone);
        using var first = await Client.VerifyOtpAsync(phone, code);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await AssertInvalidAsync(phone, code);
    }

    [Test]
    public async Task Superseded_code_is_refused_and_the_new_one_works()
    {
        var phone = Phones.NextNational();
        var old = await Client.RequestCodeAsync(phone);
        var current = await Client.RequestCodeAsync(phone);
        if (current == old) // one chance in a million: a third code (the window allows three) differs
            current = await Client.RequestCodeAsync(phone);
        Assert.That(current, Is.Not.EqualTo(old));

        await AssertInvalidAsync(phone, old);
        using var response = await Client.VerifyOtpAsync(phone, current);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Expired_code_is_refused()
    {
        var phone = Phones.NextNational();
        var code = await Client.RequestCodeAsync(phone);
        _clock.Advance(TimeSpan.FromMinutes(5));

        await AssertInvalidAsync(phone, code);
    }

    [Test]
    public async Task After_five_wrong_codes_the_token_is_locked_even_for_the_right_code()
    {
        var phone = Phones.NextNational();
        var code = await Client.RequestCodeAsync(phone);
        for (var i = 0; i < 5; i++)
            await AssertInvalidAsync(phone, Wrong(code));

        using var response = await Client.VerifyOtpAsync(phone, code);

        Assert.That(response.StatusCode, Is.EqualTo((HttpStatusCode)429));
        Assert.That((await response.JsonAsync()).FieldError("code"), Is.EqualTo("Too many failed attempts. Please request a new code."));
    }

    [Test]
    public async Task Missing_fields_are_400s_keyed_by_field()
    {
        using var response = await Client.PostRawAsync(ApiClient.VerifyOtpPath, "{}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var body = await response.JsonAsync();
        Assert.That(body.Keys(), Is.EqualTo(new[] { "code", "phone_number" }));
        Assert.That(body.FieldError("code"), Is.EqualTo("This field is required."));
        Assert.That(body.FieldError("phone_number"), Is.EqualTo("This field is required."));
    }

    [Test]
    public async Task Non_string_code_is_a_400_keyed_by_code()
    {
        var json = JsonSerializer.Serialize(new { phone_number = Phones.NextNational(), code = 123456 });

        using var response = await Client.PostRawAsync(ApiClient.VerifyOtpPath, json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.JsonAsync()).FieldError("code"), Is.EqualTo("Not a valid string."));
    }

    [TestCase("abcdef")]
    [TestCase("12")]
    public async Task Code_that_is_not_a_code_gets_the_same_400(string code)
    {
        await AssertInvalidAsync(Phones.NextNational(), code);
    }

    private async Task AssertInvalidAsync(string phone, string code)
    {
        using var response = await Client.VerifyOtpAsync(phone, code);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var body = await response.JsonAsync();
        Assert.That(body.Keys(), Is.EqualTo(new[] { "code" }));
        Assert.That(body.FieldError("code"), Is.EqualTo(InvalidCode));
    }

    private static string Wrong(string code) => new([.. code.Select(c => c == '9' ? '0' : (char)(c + 1))]);
}
