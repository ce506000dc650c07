using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Domain.Tests.Otp;

/// <summary>A code verifies only for the purpose it was issued for: a sign-in, or moving one particular account.</summary>
public sealed class OtpTokenPurposeTests
{
    private static readonly PhoneNumber Phone = PhoneNumber.Parse("09123456789");
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Hash = [1, 2, 3];
    private static readonly Guid Account = Guid.NewGuid();

    [Test]
    public void Phone_change_code_verifies_for_its_account()
    {
        var token = Sent(Account);

        Assert.That(token.TryVerify(Hash, VerifyAttempt.WithId, 5, Now, Account), Is.EqualTo(VerifyOutcome.Verified));
    }

    [Test]
    public void Phone_change_code_is_not_usable_for_sign_in_and_is_left_as_it_was()
    {
        var token = Sent(Account);
        var version = token.Version;

        Assert.That(token.TryVerify(Hash, VerifyAttempt.WithId, 5, Now), Is.EqualTo(VerifyOutcome.NotUsable));
        Assert.That(token.Status, Is.EqualTo(OtpStatus.Sent));
        Assert.That(token.Version, Is.EqualTo(version));
    }

    [Test]
    public void Phone_change_code_is_not_usable_for_another_account()
    {
        Assert.That(Sent(Account).TryVerify(Hash, VerifyAttempt.WithId, 5, Now, Guid.NewGuid()), Is.EqualTo(VerifyOutcome.NotUsable));
    }

    [Test]
    public void Sign_in_code_is_not_usable_for_a_phone_change_and_wrong_guesses_of_it_there_count_nothing()
    {
        var token = Sent(null);

        Assert.That(token.TryVerify([9, 9, 9], VerifyAttempt.WithoutId, 5, Now, Account), Is.EqualTo(VerifyOutcome.NotUsable));
        Assert.That(token.TryVerify(Hash, VerifyAttempt.WithoutId, 5, Now, Account), Is.EqualTo(VerifyOutcome.NotUsable));
        Assert.That(token.FailedAttempts, Is.Zero);
        Assert.That(token.TryVerify(Hash, VerifyAttempt.WithoutId, 5, Now), Is.EqualTo(VerifyOutcome.Verified));
    }

    [Test]
    public void A_voice_call_replacing_a_phone_change_sms_keeps_its_purpose()
    {
        var sms = Sent(Account);
        sms.RecordDeliveryStatus(11, "undelivered", DeliveryOutcome.Failed, Now);

        var call = sms.FallBackToCall([4, 5, 6], Now, TimeSpan.FromMinutes(5));

        Assert.That(call.PhoneChangeAccountId, Is.EqualTo(Account));
    }

    private static OtpToken Sent(Guid? phoneChangeOf)
    {
        var token = OtpToken.Issue(Phone, Hash, Now.AddMinutes(-1), TimeSpan.FromMinutes(5), null, "vid", phoneChangeAccountId: phoneChangeOf);
        token.RecordDelivery(new DeliveryReport("Kavenegar", true, "m", 200, null), Now.AddMinutes(-1));
        return token;
    }
}
