using Pilito.Domain.Signing;

namespace Pilito.Domain.Tests.Signing;

public sealed class SigningKeyRingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Rotation = TimeSpan.FromDays(30);
    private static readonly TimeSpan Delay = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(20);
    private static readonly SigningKeyPolicy Policy = new(Rotation, Delay, Keep);

    [Test]
    public void An_empty_ring_needs_a_first_key_that_signs_at_once()
    {
        var ring = Ring();

        Assert.That(ring.NeedsSuccessor(T0), Is.True);
        Assert.That(ring.Successor(T0), Is.EqualTo((1, T0)));
        Assert.That(ring.Signing(T0), Is.Null);
    }

    [Test]
    public void A_key_younger_than_the_rotation_less_the_delay_needs_no_successor()
    {
        var ring = Ring(Key(1, T0));

        Assert.That(ring.NeedsSuccessor(T0 + Rotation - Delay - TimeSpan.FromSeconds(1)), Is.False);
        Assert.That(ring.NeedsSuccessor(T0 + Rotation - Delay), Is.True);
    }

    [Test]
    public void A_successor_made_on_time_takes_over_exactly_one_rotation_after_its_predecessor()
    {
        var due = T0 + Rotation - Delay;

        var (generation, activatesAt) = Ring(Key(1, T0)).Successor(due);

        Assert.That(generation, Is.EqualTo(2));
        Assert.That(activatesAt, Is.EqualTo(T0 + Rotation));
    }

    [Test]
    public void A_successor_is_published_before_it_signs_and_the_old_key_signs_meanwhile()
    {
        var due = T0 + Rotation - Delay;
        var old = Key(1, T0);
        var next = Key(2, due, activatesAt: due + Delay);
        var ring = Ring(old, next);

        Assert.That(ring.Signing(due + Delay - TimeSpan.FromTicks(1)), Is.SameAs(old));
        Assert.That(ring.Published(due), Is.EqualTo(new[] { old, next }));
        Assert.That(ring.Signing(due + Delay), Is.SameAs(next));
        Assert.That(ring.NeedsSuccessor(due), Is.False, "the pending key is the successor");
    }

    [Test]
    public void A_retired_key_stays_published_until_its_last_token_can_no_longer_be_valid()
    {
        var old = Key(1, T0);
        var next = Key(2, T0 + Rotation - Delay, activatesAt: T0 + Rotation);
        var ring = Ring(old, next);
        var retired = T0 + Rotation;

        Assert.That(ring.RetiredAt(old, retired), Is.EqualTo(retired));
        Assert.That(ring.Published(retired + Keep - TimeSpan.FromTicks(1)), Does.Contain(old));
        Assert.That(ring.Published(retired + Keep), Does.Not.Contain(old));
        Assert.That(ring.Spent(retired + Keep), Is.EqualTo(new[] { old }));
    }

    [Test]
    public void The_newest_key_is_never_spent_however_old()
    {
        var only = Key(1, T0);

        var ring = Ring(only);

        Assert.That(ring.Published(T0 + TimeSpan.FromDays(3650)), Is.EqualTo(new[] { only }));
        Assert.That(ring.Signing(T0 + TimeSpan.FromDays(3650)), Is.SameAs(only), "an overdue key signs until its successor activates");
    }

    [Test]
    public void After_a_long_stop_the_successor_is_due_at_once_and_still_waits_its_delay()
    {
        var late = T0 + Rotation * 3;

        var ring = Ring(Key(1, T0));

        Assert.That(ring.NeedsSuccessor(late), Is.True);
        Assert.That(ring.Successor(late), Is.EqualTo((2, late + Delay)));
    }

    [Test]
    public void Keys_are_ordered_by_generation_whatever_order_the_rows_came_in()
    {
        var first = Key(1, T0);
        var second = Key(2, T0 + Rotation - Delay, activatesAt: T0 + Rotation);

        var ring = Ring(second, first);

        Assert.That(ring.Keys, Is.EqualTo(new[] { first, second }));
        Assert.That(ring.Signing(T0 + Rotation), Is.SameAs(second));
    }

    [Test]
    public void A_key_cannot_be_made_to_sign_before_it_exists() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Key(1, T0, activatesAt: T0 - TimeSpan.FromSeconds(1)));

    [Test]
    public void Key_text_never_shows_its_material()
    {
        var key = Key(1, T0);

        Assert.That(key.ToString(), Does.Contain("kid-1").And.Not.Contain("secret"));
        Assert.That(new SigningKeyMaterial("kid", "ES256", [1, 2, 3], "x", "y").ToString(), Does.Not.Contain("System.Byte"));
    }

    private static SigningKeyRing Ring(params SigningKey[] keys) => new(keys, Policy);

    private static SigningKey Key(int generation, DateTimeOffset createdAt, DateTimeOffset? activatesAt = null) =>
        SigningKey.Create(generation, new SigningKeyMaterial($"kid-{generation}", SigningKey.Es256, "secret"u8.ToArray(), "x", "y"),
            createdAt, activatesAt ?? createdAt);
}
