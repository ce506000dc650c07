using System.Reflection;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Domain.Tests.Otp;

public sealed class OtpTokenRestoreTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly PropertyInfo[] TokenProperties = typeof(OtpToken).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    [Test]
    public void Stored_form_has_every_field_of_a_token()
    {
        var stored = typeof(StoredOtpToken).GetProperties().Select(p => (p.Name, p.PropertyType)).ToHashSet();

        Assert.That(TokenProperties.Select(p => (p.Name, p.PropertyType)), Is.SubsetOf(stored));
    }

    [Test]
    public void Restored_token_has_every_field_it_was_stored_with()
    {
        var original = LivedToken();

        var restored = OtpToken.Restore(StoredFormOf(original));

        foreach (var property in TokenProperties)
            Assert.That(property.GetValue(restored), Is.EqualTo(property.GetValue(original)), property.Name);
    }

    [Test]
    public void Restored_token_verifies_like_the_original()
    {
        var token = OtpToken.Issue(PhoneNumber.Parse("09123456789"), [1, 2, 3], Now, TimeSpan.FromMinutes(2), null);
        token.RecordDelivery(new DeliveryReport("Kavenegar", true, "42", 200, null), Now);
        var restored = OtpToken.Restore(StoredFormOf(token));

        Assert.That(restored.TryVerify([9, 9, 9], 5, Now.AddSeconds(10)), Is.EqualTo(VerifyOutcome.WrongCode));
        Assert.That(restored.TryVerify([1, 2, 3], 5, Now.AddSeconds(20)), Is.EqualTo(VerifyOutcome.Verified));
        Assert.That(restored.Version, Is.EqualTo(token.Version + 2), "each change bumps the version it was stored with");
    }

    private static OtpToken LivedToken()
    {
        var token = OtpToken.Issue(PhoneNumber.Parse("09123456789"), [1, 2, 3], Now, TimeSpan.FromMinutes(2), "203.0.113.7");
        token.Stored(42);
        token.RecordDelivery(new DeliveryReport("Kavenegar", true, "msg-1", 200, "none"), Now.AddSeconds(1));
        token.RecordDeliveryStatus(10, "delivered", Now.AddSeconds(5));
        token.TryVerify([9, 9, 9], 5, Now.AddSeconds(6));
        token.TryVerify([1, 2, 3], 5, Now.AddSeconds(7));
        token.Invalidate(Now.AddSeconds(8)); // settled already: nothing changes, RevokedAt stays null
        return token;
    }

    private static StoredOtpToken StoredFormOf(OtpToken token) => new()
    {
        Id = token.Id,
        Phone = token.Phone,
        CodeHash = token.CodeHash,
        CreatedAt = token.CreatedAt,
        ExpiresAt = token.ExpiresAt,
        Status = token.Status,
        FailedAttempts = token.FailedAttempts,
        VerifiedAt = token.VerifiedAt,
        ClientIp = token.ClientIp,
        DeliveryProvider = token.DeliveryProvider,
        ProviderMessageId = token.ProviderMessageId,
        ProviderStatusCode = token.ProviderStatusCode,
        ProviderError = token.ProviderError,
        SentAt = token.SentAt,
        DeliveryStatus = token.DeliveryStatus,
        DeliveryStatusText = token.DeliveryStatusText,
        DeliveryCheckedAt = token.DeliveryCheckedAt,
        RevokedAt = token.RevokedAt,
        Version = token.Version,
    };
}
