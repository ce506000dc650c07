using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hardening;

/// <summary>
/// Attack 1 of docs/security.md: a stranger who knows a phone number sends wrong codes for it (no SMS, no cost) to
/// fill its failure cap and lock its live code. The owner, whose app sends the verification id it was given, still
/// signs in; clients that send no id keep the old rules.
/// </summary>
public sealed class SignInDenialTests : StandInFixture
{
    private const int Cap = 20;

    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => new(null, new Dictionary<string, string?>
    {
        ["Otp:MaxVerifyFailuresPerPhonePerHour"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    [Test]
    public async Task Stranger_filling_the_phone_cap_cannot_stop_the_owner_who_sends_the_verification_id()
    {
        var phone = Phones.NextNational();
        await GuessAsync(phone, Cap);

        var (code, verificationId) = await Client.RequestVerificationAsync(phone);
        using var owner = await Client.VerifyOtpAsync(phone, code, verificationId);

        Assert.That(owner.StatusCode, Is.EqualTo(HttpStatusCode.OK), (await owner.JsonAsync()).ToString());
    }

    [Test]
    public async Task Stranger_guessing_five_times_cannot_lock_the_owners_live_code()
    {
        var phone = Phones.NextNational();
        var (code, verificationId) = await Client.RequestVerificationAsync(phone);
        await GuessAsync(phone, 6, code);

        using var owner = await Client.VerifyOtpAsync(phone, code, verificationId);

        Assert.That(owner.StatusCode, Is.EqualTo(HttpStatusCode.OK), (await owner.JsonAsync()).ToString());
    }

    [Test]
    public async Task Client_without_the_id_keeps_the_old_rules_the_code_locks_after_five_wrong_tries()
    {
        var phone = Phones.NextNational();
        var code = await Client.RequestCodeAsync(phone);
        await GuessAsync(phone, 5, code);

        using var response = await Client.VerifyOtpAsync(phone, code);

        Assert.That(response.StatusCode, Is.EqualTo((HttpStatusCode)429));
        Assert.That((await response.JsonAsync()).FieldError("code"), Does.Contain("Too many"));
    }

    [Test]
    public async Task Wrong_guesses_with_the_id_count_against_that_verification_and_lock_it_after_five()
    {
        var phone = Phones.NextNational();
        var (code, verificationId) = await Client.RequestVerificationAsync(phone);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await Client.VerifyOtpAsync(phone, WrongCode(code, i), verificationId);
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        using var response = await Client.VerifyOtpAsync(phone, code, verificationId);

        Assert.That(response.StatusCode, Is.EqualTo((HttpStatusCode)429));
        var token = await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone));
        Assert.That(token["Status"], Is.EqualTo("Locked"));
        Assert.That(token["FailedAttemptsWithoutId"], Is.EqualTo(0L), "none of them counted against the phone");
        Assert.That(await PhoneFailuresAsync(phone), Is.Zero);
    }

    [Test]
    public async Task Another_phones_verification_id_opens_nothing()
    {
        var victim = Phones.NextNational();
        var (victimCode, _) = await Client.RequestVerificationAsync(victim);
        var (_, strangerId) = await Client.RequestVerificationAsync(Phones.NextNational());

        using var response = await Client.VerifyOtpAsync(victim, victimCode, strangerId);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.JsonAsync()).FieldError("code"), Is.EqualTo("Invalid or expired OTP code."));
    }

    [Test]
    public async Task Stranger_requesting_a_new_code_does_not_void_the_code_the_owner_is_typing()
    {
        var phone = Phones.NextNational();
        var (code, verificationId) = await Client.RequestVerificationAsync(phone);
        await Client.RequestCodeAsync(phone); // the stranger's request supersedes it for clients without the id

        using var owner = await Client.VerifyOtpAsync(phone, code, verificationId);

        Assert.That(owner.StatusCode, Is.EqualTo(HttpStatusCode.OK), (await owner.JsonAsync()).ToString());
    }

    /// <summary>Wrong codes for the phone, without a verification id, as a stranger sends them.</summary>
    private async Task GuessAsync(string phone, int times, string? realCode = null)
    {
        for (var i = 0; i < times; i++)
        {
            using var guess = await Client.VerifyOtpAsync(phone, WrongCode(realCode, i));
            Assert.That(guess.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest).Or.EqualTo((HttpStatusCode)429));
        }
    }

    private Task<long> PhoneFailuresAsync(string phone) => Database.ScalarAsync(App,
        "SELECT COALESCE(SUM(Count), 0) FROM LimitCounts WHERE Scope = 'verify-phone' AND Key = $phone", ("$phone", Phones.ToE164(phone)));

    private static string WrongCode(string? code, int i) => code == $"{i:D6}" ? $"{i + 100:D6}" : $"{i:D6}";
}
