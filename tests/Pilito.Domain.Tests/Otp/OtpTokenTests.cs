using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Domain.Tests.Otp;

public sealed class OtpTokenTests
{
    private const int MaxAttempts = 5;
    private const string ClientIp = "203.0.113.7";
    private static readonly DateTimeOffset IssuedAt = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SentAt = IssuedAt.AddSeconds(2);
    private static readonly DateTimeOffset VerifyAt = IssuedAt.AddMinutes(1);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private static readonly PhoneNumber Phone = PhoneNumber.Parse("09123456789");
    private static readonly byte[] RightHash = [0x10, 0x20, 0x30, 0x40];
    private static readonly byte[] WrongHash = [0x10, 0x20, 0x30, 0x41];
    private static readonly DeliveryReport Accepted = new("Kavenegar", true, "8792343", 200, null);
    private static readonly DeliveryReport Refused = new("Kavenegar", false, null, 411, "Receptor is invalid.");

    private static OtpToken Issue() => OtpToken.Issue(Phone, RightHash, IssuedAt, Lifetime, ClientIp);

    private static OtpToken Sent()
    {
        var token = Issue();
        token.RecordDelivery(Accepted, SentAt);
        return token;
    }

    [Test]
    public void Issue_creates_a_pending_token()
    {
        var token = Issue();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.Status, Is.EqualTo(OtpStatus.Pending));
            Assert.That(token.Phone, Is.EqualTo(Phone));
            Assert.That(token.CreatedAt, Is.EqualTo(IssuedAt));
            Assert.That(token.ExpiresAt, Is.EqualTo(IssuedAt + Lifetime));
            Assert.That(token.CodeHash, Is.EqualTo(RightHash));
            Assert.That(token.ClientIp, Is.EqualTo(ClientIp));
            Assert.That(token.FailedAttempts, Is.Zero);
            Assert.That(token.VerifiedAt, Is.Null);
            Assert.That(token.SentAt, Is.Null);
            Assert.That(token.DeliveryProvider, Is.Null);
        }
    }

    [Test]
    public void Issued_token_holds_no_trace_of_the_code()
    {
        const string code = "482913";

        var token = OtpToken.Issue(Phone, RightHash, IssuedAt, Lifetime, ClientIp);

        var texts = typeof(OtpToken).GetProperties()
            .Select(p => p.GetValue(token)?.ToString())
            .OfType<string>();
        Assert.That(texts, Has.None.Contains(code));
    }

    [Test]
    public void Issue_refuses_a_lifetime_that_is_not_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OtpToken.Issue(Phone, RightHash, IssuedAt, TimeSpan.Zero, ClientIp));
    }

    [Test]
    public void Accepted_delivery_marks_the_token_sent()
    {
        var token = Issue();

        token.RecordDelivery(Accepted, SentAt);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.Status, Is.EqualTo(OtpStatus.Sent));
            Assert.That(token.SentAt, Is.EqualTo(SentAt));
            Assert.That(token.DeliveryProvider, Is.EqualTo("Kavenegar"));
            Assert.That(token.ProviderMessageId, Is.EqualTo("8792343"));
            Assert.That(token.ProviderStatusCode, Is.EqualTo(200));
            Assert.That(token.ProviderError, Is.Null);
        }
    }

    [Test]
    public void Refused_delivery_marks_the_token_send_failed()
    {
        var token = Issue();

        token.RecordDelivery(Refused, SentAt);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.Status, Is.EqualTo(OtpStatus.SendFailed));
            Assert.That(token.SentAt, Is.Null);
            Assert.That(token.DeliveryProvider, Is.EqualTo("Kavenegar"));
            Assert.That(token.ProviderStatusCode, Is.EqualTo(411));
            Assert.That(token.ProviderError, Is.EqualTo("Receptor is invalid."));
        }
    }

    [Test]
    public void Delivery_on_a_superseded_token_keeps_it_superseded_but_records_the_facts()
    {
        var token = Issue();
        token.Supersede();

        token.RecordDelivery(Accepted, SentAt);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.Status, Is.EqualTo(OtpStatus.Superseded));
            Assert.That(token.SentAt, Is.EqualTo(SentAt));
            Assert.That(token.DeliveryProvider, Is.EqualTo("Kavenegar"));
            Assert.That(token.ProviderMessageId, Is.EqualTo("8792343"));
            Assert.That(token.ProviderStatusCode, Is.EqualTo(200));
        }
    }

    [Test]
    public void Right_code_verifies_a_sent_token()
    {
        var token = Sent();

        var outcome = token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(VerifyOutcome.Verified));
            Assert.That(token.Status, Is.EqualTo(OtpStatus.Verified));
            Assert.That(token.VerifiedAt, Is.EqualTo(VerifyAt));
            Assert.That(token.FailedAttempts, Is.Zero);
        }
    }

    [Test]
    public void Right_code_verifies_just_before_expiry()
    {
        var token = Sent();

        var outcome = token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, token.ExpiresAt - TimeSpan.FromTicks(1));

        Assert.That(outcome, Is.EqualTo(VerifyOutcome.Verified));
    }

    [Test]
    public void Verified_token_cannot_be_verified_again()
    {
        var token = Sent();
        token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);

        var outcome = token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt.AddSeconds(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(VerifyOutcome.NotUsable));
            Assert.That(token.Status, Is.EqualTo(OtpStatus.Verified));
            Assert.That(token.VerifiedAt, Is.EqualTo(VerifyAt));
        }
    }

    [Test]
    public void Wrong_code_counts_a_failed_attempt()
    {
        var token = Sent();

        var outcome = token.TryVerify(WrongHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(VerifyOutcome.WrongCode));
            Assert.That(token.FailedAttempts, Is.EqualTo(1));
            Assert.That(token.Status, Is.EqualTo(OtpStatus.Sent));
            Assert.That(token.VerifiedAt, Is.Null);
        }
    }

    [Test]
    public void Right_code_still_verifies_after_four_wrong_codes()
    {
        var token = Sent();
        for (var i = 0; i < MaxAttempts - 1; i++)
            token.TryVerify(WrongHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);

        var outcome = token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);

        Assert.That(outcome, Is.EqualTo(VerifyOutcome.Verified));
    }

    [Test]
    public void Fifth_wrong_code_is_answered_as_wrong_and_locks_the_token()
    {
        var token = Sent();
        for (var i = 0; i < MaxAttempts - 1; i++)
            token.TryVerify(WrongHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);

        var outcome = token.TryVerify(WrongHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(VerifyOutcome.WrongCode));
            Assert.That(token.FailedAttempts, Is.EqualTo(MaxAttempts));
            Assert.That(token.Status, Is.EqualTo(OtpStatus.Locked));
        }
    }

    [Test]
    public void Locked_token_refuses_even_the_right_code()
    {
        var token = Sent();
        for (var i = 0; i < MaxAttempts; i++)
            token.TryVerify(WrongHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);

        var outcome = token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(VerifyOutcome.Locked));
            Assert.That(token.Status, Is.EqualTo(OtpStatus.Locked));
            Assert.That(token.VerifiedAt, Is.Null);
            Assert.That(token.FailedAttempts, Is.EqualTo(MaxAttempts));
        }
    }

    [Test]
    public void Code_at_the_expiry_instant_is_expired()
    {
        var token = Sent();

        var outcome = token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, token.ExpiresAt);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(VerifyOutcome.Expired));
            Assert.That(token.Status, Is.EqualTo(OtpStatus.Expired));
            Assert.That(token.VerifiedAt, Is.Null);
        }
    }

    [Test]
    public void Code_after_expiry_is_expired()
    {
        var token = Sent();

        var outcome = token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, token.ExpiresAt.AddMinutes(10));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(VerifyOutcome.Expired));
            Assert.That(token.Status, Is.EqualTo(OtpStatus.Expired));
        }
    }

    [Test]
    public void Wrong_code_after_expiry_is_expired_and_not_counted()
    {
        var token = Sent();

        var outcome = token.TryVerify(WrongHash, VerifyAttempt.WithoutId, MaxAttempts, token.ExpiresAt);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(VerifyOutcome.Expired));
            Assert.That(token.FailedAttempts, Is.Zero);
        }
    }

    [Test]
    public void Pending_token_is_not_usable()
    {
        var token = Issue();

        var outcome = token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(VerifyOutcome.NotUsable));
            Assert.That(token.Status, Is.EqualTo(OtpStatus.Pending));
        }
    }

    [Test]
    public void Send_failed_token_is_not_usable()
    {
        var token = Issue();
        token.RecordDelivery(Refused, SentAt);

        var outcome = token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(VerifyOutcome.NotUsable));
            Assert.That(token.Status, Is.EqualTo(OtpStatus.SendFailed));
        }
    }

    [Test]
    public void Superseded_token_is_not_usable()
    {
        var token = Sent();
        token.Supersede();

        var outcome = token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);

        Assert.That(outcome, Is.EqualTo(VerifyOutcome.NotUsable));
    }

    [Test]
    public void Expired_token_is_not_usable_afterwards()
    {
        var token = Sent();
        token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, token.ExpiresAt);

        var outcome = token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);

        Assert.That(outcome, Is.EqualTo(VerifyOutcome.NotUsable));
    }

    [Test]
    public void Supersede_ends_a_pending_token()
    {
        var token = Issue();

        token.Supersede();

        Assert.That(token.Status, Is.EqualTo(OtpStatus.Superseded));
    }

    [Test]
    public void Supersede_ends_a_sent_token()
    {
        var token = Sent();

        token.Supersede();

        Assert.That(token.Status, Is.EqualTo(OtpStatus.Superseded));
    }

    [Test]
    public void Supersede_leaves_a_verified_token_alone()
    {
        var token = Sent();
        token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);
        var version = token.Version;

        token.Supersede();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.Status, Is.EqualTo(OtpStatus.Verified));
            Assert.That(token.Version, Is.EqualTo(version));
        }
    }

    [Test]
    public void Supersede_leaves_a_send_failed_token_alone()
    {
        var token = Issue();
        token.RecordDelivery(Refused, SentAt);

        token.Supersede();

        Assert.That(token.Status, Is.EqualTo(OtpStatus.SendFailed));
    }

    [Test]
    public void Invalidate_revokes_a_pending_token()
    {
        var token = Issue();
        var version = token.Version;

        var changed = token.Invalidate(VerifyAt);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(changed, Is.True);
            Assert.That(token.Status, Is.EqualTo(OtpStatus.Revoked));
            Assert.That(token.RevokedAt, Is.EqualTo(VerifyAt));
            Assert.That(token.Version, Is.Not.EqualTo(version));
        }
    }

    [Test]
    public void Invalidate_revokes_a_sent_token()
    {
        var token = Sent();

        var changed = token.Invalidate(VerifyAt);

        Assert.That(changed, Is.True);
        Assert.That(token.Status, Is.EqualTo(OtpStatus.Revoked));
    }

    [Test]
    public void Invalidated_token_refuses_its_right_code()
    {
        var token = Sent();
        token.Invalidate(VerifyAt);

        var outcome = token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);

        Assert.That(outcome, Is.EqualTo(VerifyOutcome.NotUsable));
    }

    [Test]
    public void Invalidate_leaves_a_verified_token_alone()
    {
        var token = Sent();
        token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);
        var version = token.Version;

        var changed = token.Invalidate(VerifyAt);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(changed, Is.False);
            Assert.That(token.Status, Is.EqualTo(OtpStatus.Verified));
            Assert.That(token.RevokedAt, Is.Null);
            Assert.That(token.Version, Is.EqualTo(version));
        }
    }

    [Test]
    public void Invalidate_leaves_a_superseded_token_alone()
    {
        var token = Sent();
        token.Supersede();

        Assert.That(token.Invalidate(VerifyAt), Is.False);
        Assert.That(token.Status, Is.EqualTo(OtpStatus.Superseded));
    }

    [Test]
    public void Recording_delivery_changes_the_version()
    {
        var token = Issue();
        var version = token.Version;

        token.RecordDelivery(Accepted, SentAt);

        Assert.That(token.Version, Is.Not.EqualTo(version));
    }

    [Test]
    public void Verifying_changes_the_version()
    {
        var token = Sent();
        var version = token.Version;

        token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);

        Assert.That(token.Version, Is.Not.EqualTo(version));
    }

    [Test]
    public void Each_wrong_code_changes_the_version()
    {
        var token = Sent();
        var first = token.Version;

        token.TryVerify(WrongHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);
        var second = token.Version;
        token.TryVerify(WrongHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second, Is.Not.EqualTo(first));
            Assert.That(token.Version, Is.Not.EqualTo(second));
        }
    }

    [Test]
    public void Expiring_changes_the_version()
    {
        var token = Sent();
        var version = token.Version;

        token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, token.ExpiresAt);

        Assert.That(token.Version, Is.Not.EqualTo(version));
    }

    [Test]
    public void Superseding_changes_the_version()
    {
        var token = Sent();
        var version = token.Version;

        token.Supersede();

        Assert.That(token.Version, Is.Not.EqualTo(version));
    }

    [Test]
    public void Not_usable_verify_leaves_the_version_alone()
    {
        var token = Issue();
        var version = token.Version;

        token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);

        Assert.That(token.Version, Is.EqualTo(version));
    }

    [Test]
    public void Verify_on_a_locked_token_leaves_the_version_alone()
    {
        var token = Sent();
        for (var i = 0; i < MaxAttempts; i++)
            token.TryVerify(WrongHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);
        var version = token.Version;

        token.TryVerify(RightHash, VerifyAttempt.WithoutId, MaxAttempts, VerifyAt);

        Assert.That(token.Version, Is.EqualTo(version));
    }

    [TestCase(OtpStatus.Pending, true, OtpStatus.Sent)]
    [TestCase(OtpStatus.Pending, false, OtpStatus.SendFailed)]
    [TestCase(OtpStatus.Superseded, true, OtpStatus.Superseded)]
    [TestCase(OtpStatus.Revoked, false, OtpStatus.Revoked)]
    public void A_delivery_answer_moves_only_a_pending_code(OtpStatus current, bool accepted, OtpStatus expected)
    {
        var token = Issue();
        if (current == OtpStatus.Superseded)
            token.Supersede();
        if (current == OtpStatus.Revoked)
            token.Invalidate(SentAt);
        Assert.That(token.Status, Is.EqualTo(current));

        token.RecordDelivery(accepted ? Accepted : Refused, SentAt);

        Assert.That(token.Status, Is.EqualTo(expected));
    }
}
