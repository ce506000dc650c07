using System.Net;
using System.Net.Http.Json;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Api;

/// <summary>
/// Who may sign in (issue #18): with Otp:AllowSignUp off, or "create_user": false on the verify, a correct code for a
/// phone with no account answers 403 and creates nothing; existing accounts sign in as ever.
/// </summary>
public sealed class SignUpTests : StandInFixture
{
    private const string NoAccount = "No account for this phone number.";

    [Test]
    public async Task With_sign_up_off_an_unknown_phone_s_correct_code_is_refused_and_creates_nothing()
    {
        await using var app = NewApp(Kavenegar.BaseUrl, new Dictionary<string, string?> { ["Otp:AllowSignUp"] = "false" });
        using var client = app.CreateClient();
        var phone = Phones.NextNational();
        var (code, verificationId) = await client.RequestVerificationAsync(phone);

        using var response = await client.VerifyOtpAsync(phone, code, verificationId);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo($$"""{"detail":"{{NoAccount}}"}"""));
        Assert.That(await AccountsAsync(app, phone), Is.Zero);
        Assert.That(response.Headers.Contains("Set-Cookie"), Is.False, "no session of any kind");
    }

    [Test]
    public async Task With_sign_up_off_an_existing_account_signs_in()
    {
        var phone = Phones.NextNational();
        await Client.SignInAsync(phone); // the fixture's app allows sign-up: the account exists
        await using var app = NewApp(Kavenegar.BaseUrl, new Dictionary<string, string?> { ["Otp:AllowSignUp"] = "false" }, databasePath: App.DatabasePath);
        using var client = app.CreateClient();

        var body = await client.SignInAsync(phone);

        Assert.That(body.GetProperty("is_new_user").GetBoolean(), Is.False);
    }

    [Test]
    public async Task Create_user_false_refuses_an_unknown_phone_and_lets_a_known_one_in()
    {
        var unknown = Phones.NextNational();
        var known = Phones.NextNational();
        await Client.SignInAsync(known);

        using var refused = await VerifyAsync(unknown, await Client.RequestCodeAsync(unknown), createUser: false);
        using var signedIn = await VerifyAsync(known, await Client.RequestCodeAsync(known), createUser: false);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await refused.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo(NoAccount));
        Assert.That(await AccountsAsync(App, unknown), Is.Zero);
        Assert.That(await AccountsAsync(App, known), Is.EqualTo(1), "the count sees accounts");
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Create_user_true_cannot_override_sign_up_off()
    {
        await using var app = NewApp(Kavenegar.BaseUrl, new Dictionary<string, string?> { ["Otp:AllowSignUp"] = "false" });
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        using var response = await client.PostAsJsonAsync(ApiClient.VerifyOtpPath,
            new { phone_number = phone, code = await client.RequestCodeAsync(phone), create_user = true });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_wrong_code_is_a_wrong_code_whether_or_not_the_phone_has_an_account()
    {
        var unknown = Phones.NextNational();
        var code = await Client.RequestCodeAsync(unknown);

        using var response = await VerifyAsync(unknown, code == "000000" ? "111111" : "000000", createUser: false);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "no answer tells who has an account without the right code");
    }

    [TestCase("\"maybe\"")]
    [TestCase("2")]
    [TestCase("[]")]
    public async Task Create_user_that_is_not_a_boolean_is_a_field_error(string json)
    {
        var phone = Phones.NextNational();

        using var response = await Client.PostRawAsync(ApiClient.VerifyOtpPath,
            $$"""{"phone_number": "{{phone}}", "code": "123456", "create_user": {{json}}}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await response.AssertOnlyFieldErrorAsync("create_user", "Must be a valid boolean.");
    }

    [TestCase("false")]
    [TestCase("\"false\"")]
    [TestCase("0")]
    public async Task Create_user_takes_Django_s_boolean_forms(string json)
    {
        var phone = Phones.NextNational();
        var code = await Client.RequestCodeAsync(phone);

        using var response = await Client.PostRawAsync(ApiClient.VerifyOtpPath,
            $$"""{"phone_number": "{{phone}}", "code": "{{code}}", "create_user": {{json}}}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    private Task<HttpResponseMessage> VerifyAsync(string phone, string code, bool createUser) =>
        Client.PostAsJsonAsync(ApiClient.VerifyOtpPath, new { phone_number = phone, code, create_user = createUser });

    private static Task<long> AccountsAsync(PilitoApp app, string phone) =>
        Database.ScalarAsync(app, """SELECT COUNT(*) FROM "AspNetUsers" WHERE "PhoneNumber" = @phone""", ("phone", Phones.ToE164(phone)));
}
