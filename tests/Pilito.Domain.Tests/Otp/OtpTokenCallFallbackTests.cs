using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Domain.Tests.Otp;

/// <summary>An undelivered SMS code replaced by a voice call: only while it waits to be typed, and once.</summary>
public sealed class OtpTokenCallFallbackTests
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private static OtpToken SentSms(OtpChannel channel = OtpChannel.Sms, DeliveryOutcome? outcome = DeliveryOutcome.Failed)
    {
        var token = OtpToken.Issue(PhoneNumber.Parse("09123456789"), [1, 2, 3], IssuedAt, Lifetime, "192.0.2.1", "handle-1", channel);
        token.RecordDelivery(new DeliveryReport("Kavenegar", true, "8792343", 200, null), IssuedAt.AddSeconds(1));
        if (outcome is { } settled)
            token.RecordDeliveryStatus(11, "Not delivered", settled, IssuedAt.AddSeconds(30));
        return token;
    }

    [Test]
    public void The_call_carries_a_new_code_the_same_verification_id_and_the_replaced_token_which_is_superseded()
    {
        var sms = SentSms();
        var at = IssuedAt.AddSeconds(40);

        var call = sms.FallBackToCall([9, 9, 9], at, Lifetime);

        Assert.That(call.Channel, Is.EqualTo(OtpChannel.Call));
        Assert.That(call.CodeHash, Is.EqualTo(new byte[] { 9, 9, 9 }));
        Assert.That(call.VerificationId, Is.EqualTo("handle-1"));
        Assert.That(call.Phone, Is.EqualTo(sms.Phone));
        Assert.That(call.ClientIp, Is.EqualTo("192.0.2.1"));
        Assert.That(call.ExpiresAt, Is.EqualTo(at + Lifetime), "a full lifetime from the call");
        Assert.That(call.ReplacesTokenId, Is.EqualTo(sms.Id));
        Assert.That(sms.Status, Is.EqualTo(OtpStatus.Superseded));
        Assert.That(sms.CanFallBackToCall(at), Is.False, "once");
    }

    [TestCase(DeliveryOutcome.Delivered)]
    [TestCase(DeliveryOutcome.Pending)]
    [TestCase(DeliveryOutcome.Unknown)]
    [TestCase(null)]
    public void Only_a_failed_delivery_can_fall_back(DeliveryOutcome? outcome) =>
        Assert.That(SentSms(outcome: outcome).CanFallBackToCall(IssuedAt.AddSeconds(40)), Is.False);

    [Test]
    public void A_call_does_not_fall_back_to_another_call() =>
        Assert.That(SentSms(OtpChannel.Call).CanFallBackToCall(IssuedAt.AddSeconds(40)), Is.False);

    [Test]
    public void An_expired_code_does_not_fall_back() =>
        Assert.That(SentSms().CanFallBackToCall(IssuedAt + Lifetime), Is.False);

    [Test]
    public void A_verified_code_does_not_fall_back()
    {
        var sms = SentSms();
        sms.TryVerify([1, 2, 3], VerifyAttempt.WithId, 5, IssuedAt.AddSeconds(35));

        Assert.That(sms.CanFallBackToCall(IssuedAt.AddSeconds(40)), Is.False);
        Assert.Throws<InvalidOperationException>(() => sms.FallBackToCall([9], IssuedAt.AddSeconds(40), Lifetime));
    }
}
