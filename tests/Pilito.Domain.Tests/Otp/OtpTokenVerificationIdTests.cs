using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Domain.Tests.Otp;

/// <summary>A token with a verification id keeps two counts: its requester's attempts and everyone else's.</summary>
public sealed class OtpTokenVerificationIdTests
{
    private const int MaxAttempts = 5;
    private static readonly DateTimeOffset IssuedAt = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset VerifyAt = IssuedAt.AddMinutes(1);
    private static readonly byte[] RightHash = [1, 2, 3];
    private static readonly byte[] WrongHash = [1, 2, 4];

    [Test]
    public void Attempts_without_the_id_lock_themselves_out_but_not_the_requester()
    {
        var token = SentWithId();
        for (var i = 0; i < MaxAttempts; i++)
            token.TryVerify(WrongHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);

        Assert.That(token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt), Is.EqualTo(VerifyOutcome.Locked));
        Assert.That(token.Status, Is.EqualTo(OtpStatus.Sent));
        Assert.That(token.TryVerify(RightHash, VerifyAttempt.WithId, MaxAttempts, VerifyAt), Is.EqualTo(VerifyOutcome.Verified));
    }

    [Test]
    public void Attempts_with_the_id_lock_the_whole_code_after_the_maximum()
    {
        var token = SentWithId();
        for (var i = 0; i < MaxAttempts; i++)
            token.TryVerify(WrongHash, VerifyAttempt.WithId, MaxAttempts, VerifyAt);

        Assert.That(token.Status, Is.EqualTo(OtpStatus.Locked));
        Assert.That(token.FailedAttempts, Is.EqualTo(MaxAttempts));
        Assert.That(token.FailedAttemptsWithoutId, Is.Zero);
        Assert.That(token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt), Is.EqualTo(VerifyOutcome.Locked));
    }

    [Test]
    public void The_two_counts_do_not_add_up_to_a_lock()
    {
        var token = SentWithId();
        for (var i = 0; i < MaxAttempts - 1; i++)
        {
            token.TryVerify(WrongHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);
            token.TryVerify(WrongHash, VerifyAttempt.WithId, MaxAttempts, VerifyAt);
        }

        Assert.That(token.Status, Is.EqualTo(OtpStatus.Sent));
        Assert.That(token.TryVerify(RightHash, VerifyAttempt.WithId, MaxAttempts, VerifyAt), Is.EqualTo(VerifyOutcome.Verified));
    }

    [Test]
    public void A_superseded_code_still_answers_its_requester_but_nobody_else()
    {
        var withoutId = SentWithId();
        withoutId.Supersede();
        var withId = SentWithId();
        withId.Supersede();

        Assert.That(withoutId.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt), Is.EqualTo(VerifyOutcome.NotUsable));
        Assert.That(withId.TryVerify(RightHash, VerifyAttempt.WithId, MaxAttempts, VerifyAt), Is.EqualTo(VerifyOutcome.Verified));
    }

    [Test]
    public void A_superseded_code_that_was_never_sent_answers_nobody()
    {
        var token = OtpToken.Issue(PhoneNumber.Parse("09123456789"), RightHash, IssuedAt, TimeSpan.FromMinutes(2), null, "handle");
        token.Supersede();
        token.RecordDelivery(new DeliveryReport("Kavenegar", false, null, 411, "Receptor is invalid."), IssuedAt);

        Assert.That(token.TryVerify(RightHash, VerifyAttempt.WithId, MaxAttempts, VerifyAt), Is.EqualTo(VerifyOutcome.NotUsable));
    }

    [Test]
    public void An_expired_superseded_code_stays_superseded()
    {
        var token = SentWithId();
        token.Supersede();

        Assert.That(token.TryVerify(RightHash, VerifyAttempt.WithId, MaxAttempts, token.ExpiresAt), Is.EqualTo(VerifyOutcome.Expired));
        Assert.That(token.Status, Is.EqualTo(OtpStatus.Superseded));
    }

    private static OtpToken SentWithId()
    {
        var token = OtpToken.Issue(PhoneNumber.Parse("09123456789"), RightHash, IssuedAt, TimeSpan.FromMinutes(2), null, "handle");
        token.RecordDelivery(new DeliveryReport("Kavenegar", true, "42", 200, null), IssuedAt.AddSeconds(1));
        return token;
    }
}
