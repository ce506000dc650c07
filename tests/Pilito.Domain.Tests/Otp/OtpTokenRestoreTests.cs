using System.Reflection;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Domain.Tests.Otp;

public sealed class OtpTokenRestoreTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    /// <summary>The stored fields: every public property with a setter (computed ones, such as IsDeliverySettled, have none).</summary>
    private static readonly PropertyInfo[] TokenProperties = [.. typeof(OtpToken).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod is not null)];

    [Test]
    public void Stored_form_has_every_field_of_a_token()
    {
        var stored = typeof(StoredOtpToken).GetProperties().Select(p => (p.Name, p.PropertyType)).ToHashSet();

        Assert.That(TokenProperties.Select(p => (p.Name, p.PropertyType)), Is.SubsetOf(stored));
    }

    [Test]
    public void Restored_token_has_every_field_it_was_stored_with()
    {
        var stored = EveryFieldSet();

        var restored = OtpToken.Restore(stored);

        foreach (var property in TokenProperties)
        {
            var expected = typeof(StoredOtpToken).GetProperty(property.Name)!.GetValue(stored);
            Assert.That(expected, Is.Not.Null.And.Not.EqualTo(Default(property.PropertyType)), $"the test sets {property.Name}");
            Assert.That(property.GetValue(restored), Is.EqualTo(expected), property.Name);
        }
    }

    [Test]
    public void Restored_token_verifies_like_the_original()
    {
        var token = OtpToken.Issue(PhoneNumber.Parse("09123456789"), [1, 2, 3], Now, TimeSpan.FromMinutes(2), null);
        token.RecordDelivery(new DeliveryReport("Kavenegar", true, "42", 200, null), Now);
        var restored = OtpToken.Restore(StoredFormOf(token));

        Assert.That(restored.TryVerify([9, 9, 9], VerifyAttempt.WithoutId, 5, Now.AddSeconds(10)), Is.EqualTo(VerifyOutcome.WrongCode));
        Assert.That(restored.TryVerify([1, 2, 3], VerifyAttempt.WithoutId, 5, Now.AddSeconds(20)), Is.EqualTo(VerifyOutcome.Verified));
        Assert.That(restored.Version, Is.EqualTo(token.Version + 2), "each change bumps the version it was stored with");
    }

    /// <summary>Every field a value no token starts with, so a field that Restore forgets shows as a default.</summary>
    private static StoredOtpToken EveryFieldSet() => new()
    {
        Id = 42,
        Phone = PhoneNumber.Parse("09123456789"),
        CodeHash = [1, 2, 3],
        CreatedAt = Now,
        ExpiresAt = Now.AddMinutes(2),
        Status = OtpStatus.Revoked,
        FailedAttempts = 3,
        FailedAttemptsWithoutId = 2,
        VerificationId = "handle-1",
        VerifiedAt = Now.AddSeconds(7),
        ClientIp = "203.0.113.7",
        Channel = OtpChannel.Call,
        DeliveryProvider = "Kavenegar",
        ProviderMessageId = "msg-1",
        ProviderStatusCode = 200,
        ProviderError = "none",
        SentAt = Now.AddSeconds(1),
        DeliveryStatus = 10,
        DeliveryStatusText = "delivered",
        DeliveryCheckedAt = Now.AddSeconds(5),
        DeliveryOutcome = DeliveryOutcome.Failed,
        Operator = "Irancell",
        ReplacesTokenId = 41,
        RevokedAt = Now.AddSeconds(8),
        PhoneChangeAccountId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        Version = 6,
    };

    private static object? Default(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;

    private static StoredOtpToken StoredFormOf(OtpToken token) => new()
    {
        Id = token.Id,
        Phone = token.Phone,
        CodeHash = token.CodeHash,
        CreatedAt = token.CreatedAt,
        ExpiresAt = token.ExpiresAt,
        Status = token.Status,
        FailedAttempts = token.FailedAttempts,
        FailedAttemptsWithoutId = token.FailedAttemptsWithoutId,
        VerificationId = token.VerificationId,
        VerifiedAt = token.VerifiedAt,
        ClientIp = token.ClientIp,
        Channel = token.Channel,
        DeliveryProvider = token.DeliveryProvider,
        ProviderMessageId = token.ProviderMessageId,
        ProviderStatusCode = token.ProviderStatusCode,
        ProviderError = token.ProviderError,
        SentAt = token.SentAt,
        DeliveryStatus = token.DeliveryStatus,
        DeliveryStatusText = token.DeliveryStatusText,
        DeliveryCheckedAt = token.DeliveryCheckedAt,
        DeliveryOutcome = token.DeliveryOutcome,
        Operator = token.Operator,
        ReplacesTokenId = token.ReplacesTokenId,
        RevokedAt = token.RevokedAt,
        Version = token.Version,
    };
}
