using Pilito.Domain.Accounts;

namespace Pilito.Domain.Tests.Accounts;

public sealed class RefreshTokenTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    private static readonly Guid UserId = Guid.Parse("5f0c8f3e-8d0a-4f43-9a57-0d6f1e2b3c4d");
    private static readonly byte[] FirstHash = [1, 2, 3, 4];
    private static readonly byte[] SecondHash = [5, 6, 7, 8];

    private static RefreshToken Start() => RefreshToken.StartFamily(UserId, FirstHash, Now, Lifetime);

    [Test]
    public void Started_family_token_is_active()
    {
        var token = Start();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.IsActiveAt(Now), Is.True);
            Assert.That(token.WasUsed, Is.False);
            Assert.That(token.UserId, Is.EqualTo(UserId));
            Assert.That(token.FamilyId, Is.Not.EqualTo(Guid.Empty));
            Assert.That(token.TokenHash, Is.EqualTo(FirstHash));
            Assert.That(token.CreatedAt, Is.EqualTo(Now));
            Assert.That(token.ExpiresAt, Is.EqualTo(Now + Lifetime));
            Assert.That(token.RevokedAt, Is.Null);
        }
    }

    [Test]
    public void Each_sign_in_starts_a_new_family()
    {
        var first = Start();
        var second = Start();

        Assert.That(second.FamilyId, Is.Not.EqualTo(first.FamilyId));
    }

    [Test]
    public void Token_is_not_active_once_it_expires()
    {
        var token = Start();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.IsActiveAt(Now + Lifetime - TimeSpan.FromTicks(1)), Is.True);
            Assert.That(token.IsActiveAt(Now + Lifetime), Is.False);
        }
    }

    [Test]
    public void Rotate_spends_the_token()
    {
        var token = Start();
        var later = Now.AddHours(1);

        token.Rotate(SecondHash, later, Lifetime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.WasUsed, Is.True);
            Assert.That(token.UsedAt, Is.EqualTo(later));
            Assert.That(token.IsActiveAt(later), Is.False);
            Assert.That(token.Version, Is.EqualTo(1));
        }
    }

    [Test]
    public void Rotate_returns_an_active_successor_in_the_same_family()
    {
        var token = Start();
        var later = Now.AddHours(1);

        var successor = token.Rotate(SecondHash, later, Lifetime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(successor, Is.Not.SameAs(token));
            Assert.That(successor.FamilyId, Is.EqualTo(token.FamilyId));
            Assert.That(successor.UserId, Is.EqualTo(UserId));
            Assert.That(successor.TokenHash, Is.EqualTo(SecondHash));
            Assert.That(successor.Matches(FirstHash), Is.False);
            Assert.That(successor.CreatedAt, Is.EqualTo(later));
            Assert.That(successor.ExpiresAt, Is.EqualTo(later + Lifetime));
            Assert.That(successor.IsActiveAt(later), Is.True);
        }
    }

    [Test]
    public void Rotating_a_used_token_throws()
    {
        var token = Start();
        token.Rotate(SecondHash, Now.AddMinutes(1), Lifetime);

        Assert.Throws<InvalidOperationException>(() => token.Rotate([9, 9, 9], Now.AddMinutes(2), Lifetime));
    }

    [Test]
    public void Rotating_a_revoked_token_throws()
    {
        var token = Start();
        token.Revoke(Now.AddMinutes(1));

        Assert.Throws<InvalidOperationException>(() => token.Rotate(SecondHash, Now.AddMinutes(2), Lifetime));
    }

    [Test]
    public void Rotating_an_expired_token_throws()
    {
        var token = Start();

        Assert.Throws<InvalidOperationException>(() => token.Rotate(SecondHash, Now + Lifetime, Lifetime));
    }

    [Test]
    public void Refused_rotation_leaves_the_token_unchanged()
    {
        var token = Start();
        token.Revoke(Now.AddMinutes(1));
        var version = token.Version;

        Assert.Throws<InvalidOperationException>(() => token.Rotate(SecondHash, Now.AddMinutes(2), Lifetime));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.UsedAt, Is.Null);
            Assert.That(token.Version, Is.EqualTo(version));
        }
    }

    [Test]
    public void Revoke_sets_RevokedAt_and_deactivates_the_token()
    {
        var token = Start();
        var later = Now.AddMinutes(5);

        token.Revoke(later);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.RevokedAt, Is.EqualTo(later));
            Assert.That(token.IsActiveAt(later), Is.False);
            Assert.That(token.Version, Is.EqualTo(1));
        }
    }

    [Test]
    public void Revoking_twice_keeps_the_first_revocation()
    {
        var token = Start();
        var first = Now.AddMinutes(5);
        token.Revoke(first);

        token.Revoke(Now.AddMinutes(10));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.RevokedAt, Is.EqualTo(first));
            Assert.That(token.Version, Is.EqualTo(1));
        }
    }

    [Test]
    public void Used_token_can_still_be_revoked()
    {
        var token = Start();
        token.Rotate(SecondHash, Now.AddMinutes(1), Lifetime);

        token.Revoke(Now.AddMinutes(2));

        Assert.That(token.RevokedAt, Is.EqualTo(Now.AddMinutes(2)));
    }

    [Test]
    public void Matches_is_true_for_the_same_hash()
    {
        var token = Start();

        Assert.That(token.Matches([1, 2, 3, 4]), Is.True);
    }

    [TestCase(new byte[] { 1, 2, 3, 5 })]
    [TestCase(new byte[] { 1, 2, 3 })]
    [TestCase(new byte[] { 1, 2, 3, 4, 0 })]
    [TestCase(new byte[0])]
    public void Matches_is_false_for_another_hash(byte[] other)
    {
        var token = Start();

        Assert.That(token.Matches(other), Is.False);
    }
}
