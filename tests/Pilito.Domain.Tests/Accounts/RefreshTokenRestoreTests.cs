using System.Reflection;
using Pilito.Domain.Accounts;

namespace Pilito.Domain.Tests.Accounts;

public sealed class RefreshTokenRestoreTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void Restored_token_has_every_field_it_was_stored_with()
    {
        var stored = new StoredRefreshToken
        {
            Id = 42,
            UserId = Guid.NewGuid(),
            FamilyId = Guid.NewGuid(),
            TokenHash = [1, 2, 3],
            CreatedAt = Now,
            ExpiresAt = Now.AddDays(30),
            UsedAt = Now.AddMinutes(1),
            RevokedAt = Now.AddMinutes(2),
            Version = 2,
        };

        var restored = RefreshToken.Restore(stored);

        foreach (var property in typeof(RefreshToken).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != nameof(RefreshToken.WasUsed)))
        {
            var expected = typeof(StoredRefreshToken).GetProperty(property.Name)?.GetValue(stored);
            Assert.That(expected, Is.Not.Null.And.Not.EqualTo(property.PropertyType.IsValueType ? Activator.CreateInstance(property.PropertyType) : null),
                $"the stored form has {property.Name} and the test sets it");
            Assert.That(property.GetValue(restored), Is.EqualTo(expected), property.Name);
        }
    }
}
