using System.Net;
using Pilito.Web.Tests.Support;
using static Pilito.Web.Tests.Support.PhoneChangeClient;

namespace Pilito.Web.Tests.Api;

/// <summary>
/// Moving an account to another number: <c>POST /api/v1/usr/phone</c> sends a code to the new number as <c>/otp</c>
/// would, <c>POST /api/v1/usr/phone/verify</c> moves the account, keeps the asking session and ends the others.
/// </summary>
[TestFixtureSource(typeof(TestProviders), nameof(TestProviders.Both))]
public sealed class PhoneChangeTests(TestProvider provider) : StandInFixture(provider)
{
    [Test]
    public async Task Code_goes_to_the_new_phone_and_verify_moves_the_account()
    {
        var (oldPhone, newPhone) = (Phones.NextNational(), Phones.NextNational());
        var signIn = await Client.SignInAsync(oldPhone);

        using var requested = await Client.RequestPhoneChangeAsync(AccessTokenOf(signIn), newPhone);
        var sent = await requested.JsonAsync();
        Assert.That(requested.StatusCode, Is.EqualTo(HttpStatusCode.OK), sent.ToString());
        Assert.That(sent.Keys(), Is.EqualTo(new[] { "code", "expires_in", "message", "phone_number", "verification_id" }));
        Assert.That(sent.GetProperty("phone_number").GetString(), Is.EqualTo(Phones.ToE164(newPhone)));
        var code = sent.GetProperty("code").GetString()!;
        Assert.That(Kavenegar.SendsTo(newPhone).Single()["message"], Does.Contain(code));

        using var verified = await Client.VerifyPhoneChangeAsync(AccessTokenOf(signIn), newPhone, code);

        var body = await verified.JsonAsync();
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("user").GetProperty("id").GetString(), Is.EqualTo(UserIdOf(signIn)));
        Assert.That(body.GetProperty("user").GetProperty("phone_number").GetString(), Is.EqualTo(Phones.ToE164(newPhone)));
        var me = await Client.CurrentUserAsync(AccessTokenOf(signIn));
        Assert.That(me.GetProperty("phone_number").GetString(), Is.EqualTo(Phones.ToE164(newPhone)));
    }

    [Test]
    public async Task After_a_move_the_new_number_signs_into_the_account_and_the_old_one_signs_up_afresh()
    {
        var (oldPhone, newPhone) = (Phones.NextNational(), Phones.NextNational());
        var signIn = await Client.SignInAsync(oldPhone);
        await MoveAsync(signIn, newPhone);

        var viaNew = await Client.SignInAsync(newPhone);
        var viaOld = await Client.SignInAsync(oldPhone);

        Assert.That(UserIdOf(viaNew), Is.EqualTo(UserIdOf(signIn)));
        Assert.That(viaNew.GetProperty("is_new_user").GetBoolean(), Is.False);
        Assert.That(UserIdOf(viaOld), Is.Not.EqualTo(UserIdOf(signIn)));
        Assert.That(viaOld.GetProperty("is_new_user").GetBoolean(), Is.True);
        Assert.That(await CountAccountsAsync(App, Phones.ToE164(newPhone)), Is.EqualTo(1));
        Assert.That(await CountAccountsAsync(App, Phones.ToE164(oldPhone)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_number_another_account_holds_is_a_409_and_nothing_moves()
    {
        var (mine, theirs) = (Phones.NextNational(), Phones.NextNational());
        var me = await Client.SignInAsync(mine);
        var them = await Client.SignInAsync(theirs);
        var (code, _) = await Client.RequestPhoneChangeCodeAsync(AccessTokenOf(me), theirs);

        using var verified = await Client.VerifyPhoneChangeAsync(AccessTokenOf(me), theirs, code);

        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var body = await verified.JsonAsync();
        Assert.That(body.Keys(), Is.EqualTo(new[] { "detail" }));
        Assert.That(body.GetProperty("detail").GetString(), Is.EqualTo("This phone number belongs to another account."));
        Assert.That((await Client.CurrentUserAsync(AccessTokenOf(me))).GetProperty("phone_number").GetString(), Is.EqualTo(Phones.ToE164(mine)));
        Assert.That(UserIdOf(await Client.SignInAsync(theirs)), Is.EqualTo(UserIdOf(them)));
        using var refreshed = await Client.RefreshAsync(RefreshTokenOf(me));
        Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a refused move ends no session");
    }

    [Test]
    public async Task The_accounts_own_number_is_a_400_with_a_detail_and_sends_nothing()
    {
        var phone = Phones.NextNational();
        var signIn = await Client.SignInAsync(phone);
        var sendsBefore = Kavenegar.SendsTo(phone).Count;

        using var response = await Client.RequestPhoneChangeAsync(AccessTokenOf(signIn), Phones.ToE164(phone));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var body = await response.JsonAsync();
        Assert.That(body.Keys(), Is.EqualTo(new[] { "detail" }));
        Assert.That(body.GetProperty("detail").GetString(), Is.EqualTo("This is already your account's phone number."));
        Assert.That(Kavenegar.SendsTo(phone), Has.Count.EqualTo(sendsBefore));
    }

    [Test]
    public async Task An_invalid_number_gets_the_otp_field_message_and_sends_nothing()
    {
        var signIn = await Client.SignInAsync(Phones.NextNational());

        using var response = await Client.RequestPhoneChangeAsync(AccessTokenOf(signIn), "02112345678");

        await response.AssertOnlyFieldErrorAsync("phone_number", "Please provide a valid Iranian phone number");
        Assert.That(Kavenegar.SendsTo("02112345678"), Is.Empty);
    }

    [TestCase(PhoneChangeClient.RequestPath)]
    [TestCase(PhoneChangeClient.VerifyPath)]
    public async Task A_body_that_is_not_an_object_is_the_400_every_endpoint_gives(string path)
    {
        var signIn = await Client.SignInAsync(Phones.NextNational());
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("[1]", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AccessTokenOf(signIn));

        using var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo("Invalid data. Expected a dictionary, but got list."));
    }

    [Test]
    public async Task Without_a_bearer_token_both_calls_are_401()
    {
        var phone = Phones.NextNational();

        using var request = await Client.RequestPhoneChangeAsync(null, phone);
        using var verify = await Client.VerifyPhoneChangeAsync(null, phone, "123456");

        foreach (var response in new[] { request, verify })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo("Authentication credentials were not provided."));
        }

        Assert.That(Kavenegar.SendsTo(phone), Is.Empty);
    }

    [Test]
    public async Task Fifth_wrong_code_locks_the_code_like_otp_verify_and_nothing_moves()
    {
        var (oldPhone, newPhone) = (Phones.NextNational(), Phones.NextNational());
        var signIn = await Client.SignInAsync(oldPhone);
        var (code, _) = await Client.RequestPhoneChangeCodeAsync(AccessTokenOf(signIn), newPhone);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await Client.VerifyPhoneChangeAsync(AccessTokenOf(signIn), newPhone, Wrong(code));
            Assert.That((await wrong.JsonAsync()).FieldError("code"), Is.EqualTo("Invalid or expired OTP code."));
        }

        using var locked = await Client.VerifyPhoneChangeAsync(AccessTokenOf(signIn), newPhone, code);

        Assert.That(locked.StatusCode, Is.EqualTo((HttpStatusCode)429));
        Assert.That((await locked.JsonAsync()).FieldError("code"), Is.EqualTo("Too many failed attempts. Please request a new code."));
        Assert.That((await Client.CurrentUserAsync(AccessTokenOf(signIn))).GetProperty("phone_number").GetString(), Is.EqualTo(Phones.ToE164(oldPhone)));
    }

    [Test]
    public async Task Requests_share_the_numbers_otp_limit_and_the_fourth_is_a_429_with_Retry_After()
    {
        var newPhone = Phones.NextNational();
        var signIn = await Client.SignInAsync(Phones.NextNational());
        await Client.RequestCodeAsync(newPhone); // sign-in codes to the number count too
        await Client.RequestCodeAsync(newPhone);
        await Client.RequestPhoneChangeCodeAsync(AccessTokenOf(signIn), newPhone);

        using var response = await Client.RequestPhoneChangeAsync(AccessTokenOf(signIn), newPhone);

        Assert.That(response.StatusCode, Is.EqualTo((HttpStatusCode)429));
        Assert.That((await response.JsonAsync()).FieldError("phone_number"), Is.EqualTo("Too many OTP requests. Please try again in 2 minutes."));
        Assert.That(response.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 120));
        Assert.That(Kavenegar.SendsTo(newPhone), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task The_asking_session_survives_and_every_other_session_of_the_account_ends()
    {
        var (oldPhone, newPhone) = (Phones.NextNational(), Phones.NextNational());
        var thisDevice = await Client.SignInAsync(oldPhone);
        var otherDevice = await Client.SignInAsync(oldPhone);
        var stranger = await Client.SignInAsync(Phones.NextNational());

        var moved = await MoveAsync(thisDevice, newPhone);

        Assert.That(moved.GetProperty("other_sessions_ended").GetInt32(), Is.EqualTo(1));
        using var kept = await Client.RefreshAsync(RefreshTokenOf(thisDevice));
        var next = await kept.JsonAsync();
        Assert.That(kept.StatusCode, Is.EqualTo(HttpStatusCode.OK), next.ToString());
        Assert.That((await Client.CurrentUserAsync(AccessTokenOf(next))).GetProperty("phone_number").GetString(), Is.EqualTo(Phones.ToE164(newPhone)));
        using var ended = await Client.RefreshAsync(RefreshTokenOf(otherDevice));
        Assert.That(ended.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var untouched = await Client.RefreshAsync(RefreshTokenOf(stranger));
        Assert.That(untouched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_sign_in_code_cannot_move_an_account_and_stays_usable_for_sign_in()
    {
        var (oldPhone, newPhone) = (Phones.NextNational(), Phones.NextNational());
        var signIn = await Client.SignInAsync(oldPhone);
        var signInCode = await Client.RequestCodeAsync(newPhone);

        using var refused = await Client.VerifyPhoneChangeAsync(AccessTokenOf(signIn), newPhone, signInCode);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await refused.JsonAsync()).FieldError("code"), Is.EqualTo("Invalid or expired OTP code."));
        Assert.That((await Client.CurrentUserAsync(AccessTokenOf(signIn))).GetProperty("phone_number").GetString(), Is.EqualTo(Phones.ToE164(oldPhone)));
        using var signedUp = await Client.VerifyOtpAsync(newPhone, signInCode);
        Assert.That(signedUp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_phone_change_code_cannot_sign_in_and_stays_usable_for_the_move()
    {
        var (oldPhone, newPhone) = (Phones.NextNational(), Phones.NextNational());
        var signIn = await Client.SignInAsync(oldPhone);
        var (code, verificationId) = await Client.RequestPhoneChangeCodeAsync(AccessTokenOf(signIn), newPhone);

        using var withoutId = await Client.VerifyOtpAsync(newPhone, code);
        using var withId = await Client.VerifyOtpAsync(newPhone, code, verificationId);

        foreach (var refused in new[] { withoutId, withId })
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await refused.JsonAsync()).FieldError("code"), Is.EqualTo("Invalid or expired OTP code."));
        }

        Assert.That(await CountAccountsAsync(App, Phones.ToE164(newPhone)), Is.Zero, "no account was created");
        using var moved = await Client.VerifyPhoneChangeAsync(AccessTokenOf(signIn), newPhone, code, verificationId);
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Another_accounts_phone_change_code_does_not_move_this_account()
    {
        var newPhone = Phones.NextNational();
        var asker = await Client.SignInAsync(Phones.NextNational());
        var other = await Client.SignInAsync(Phones.NextNational());
        var (code, verificationId) = await Client.RequestPhoneChangeCodeAsync(AccessTokenOf(asker), newPhone);

        using var refused = await Client.VerifyPhoneChangeAsync(AccessTokenOf(other), newPhone, code, verificationId);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await CountAccountsAsync(App, Phones.ToE164(newPhone)), Is.Zero);
    }

    private async Task<System.Text.Json.JsonElement> MoveAsync(System.Text.Json.JsonElement signIn, string newPhone)
    {
        var (code, _) = await Client.RequestPhoneChangeCodeAsync(AccessTokenOf(signIn), newPhone);
        using var verified = await Client.VerifyPhoneChangeAsync(AccessTokenOf(signIn), newPhone, code);
        var body = await verified.JsonAsync();
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body;
    }

    private static string Wrong(string code) => new([.. code.Select(c => c == '9' ? '0' : (char)(c + 1))]);
}
