using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Domain.Tests.Otp;

/// <summary>What the provider later says became of a sent code: the first final report settles it, once.</summary>
public sealed class OtpTokenDeliveryTests
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static OtpToken Sent()
    {
        var token = OtpToken.Issue(PhoneNumber.Parse("09123456789"), [1, 2, 3], IssuedAt, TimeSpan.FromMinutes(2), null);
        token.RecordDelivery(new DeliveryReport("Kavenegar", true, "8792343", 200, null), IssuedAt.AddSeconds(1));
        return token;
    }

    [Test]
    public void A_code_is_issued_with_its_phone_s_operator_and_no_delivery_outcome()
    {
        var token = Sent();

        Assert.That(token.Operator, Is.EqualTo("IR-MCI"));
        Assert.That(token.DeliveryOutcome, Is.Null);
        Assert.That(token.IsDeliverySettled, Is.False);
    }

    [Test]
    public void A_pending_report_is_recorded_and_settles_nothing()
    {
        var token = Sent();

        var settled = token.RecordDeliveryStatus(5, "Sent to the telecom operator", DeliveryOutcome.Pending, IssuedAt.AddSeconds(30));

        Assert.That(settled, Is.False);
        Assert.That(token.DeliveryOutcome, Is.EqualTo(DeliveryOutcome.Pending));
        Assert.That(token.DeliveryStatus, Is.EqualTo(5));
        Assert.That(token.IsDeliverySettled, Is.False);
    }

    [TestCase(DeliveryOutcome.Delivered)]
    [TestCase(DeliveryOutcome.Failed)]
    [TestCase(DeliveryOutcome.Unknown)]
    public void The_first_final_report_settles_the_delivery(DeliveryOutcome outcome)
    {
        var token = Sent();
        token.RecordDeliveryStatus(5, "Sent to the telecom operator", DeliveryOutcome.Pending, IssuedAt.AddSeconds(30));

        var settled = token.RecordDeliveryStatus(10, "final", outcome, IssuedAt.AddSeconds(60));

        Assert.That(settled, Is.True);
        Assert.That(token.DeliveryOutcome, Is.EqualTo(outcome));
        Assert.That(token.DeliveryCheckedAt, Is.EqualTo(IssuedAt.AddSeconds(60)));
        Assert.That(token.IsDeliverySettled, Is.True);
    }

    [Test]
    public void A_settled_delivery_keeps_its_outcome_when_the_provider_later_forgets_the_message()
    {
        var token = Sent();
        token.RecordDeliveryStatus(10, "Delivered", DeliveryOutcome.Delivered, IssuedAt.AddSeconds(30));

        var settledAgain = token.RecordDeliveryStatus(100, "Invalid message id", DeliveryOutcome.Unknown, IssuedAt.AddDays(3));

        Assert.That(settledAgain, Is.False, "counted once");
        Assert.That(token.DeliveryOutcome, Is.EqualTo(DeliveryOutcome.Delivered));
        Assert.That(token.DeliveryStatus, Is.EqualTo(10));
        Assert.That(token.DeliveryCheckedAt, Is.EqualTo(IssuedAt.AddDays(3)), "asked, all the same");
    }

    [Test]
    public void A_code_keeps_its_own_status_whatever_the_delivery_report()
    {
        var token = Sent();

        token.RecordDeliveryStatus(11, "Not delivered", DeliveryOutcome.Failed, IssuedAt.AddSeconds(30));

        Assert.That(token.Status, Is.EqualTo(OtpStatus.Sent), "a late SMS may still arrive and be typed in");
    }
}
