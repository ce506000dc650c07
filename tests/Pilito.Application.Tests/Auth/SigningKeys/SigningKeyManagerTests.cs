using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Pilito.Application.Auth.SigningKeys;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Tests.Support;
using Pilito.Domain.Signing;

namespace Pilito.Application.Tests.Auth.SigningKeys;

public sealed class SigningKeyManagerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Rotation = TimeSpan.FromDays(30);
    private static readonly TimeSpan Delay = AuthOptions.KeyActivationDelay;
    private readonly AuthOptions _options = new() { KeyRotation = Rotation, AccessTokenLifetime = TimeSpan.FromMinutes(15) };
    private InMemorySigningKeyStore _store = null!;
    private FakeTimeProvider _clock = null!;
    private int _generated;

    [SetUp]
    public void SetUp()
    {
        _store = new InMemorySigningKeyStore();
        _clock = new FakeTimeProvider(Start);
        _generated = 0;
    }

    [Test]
    public async Task The_first_read_creates_one_key_that_signs_at_once()
    {
        using var manager = Manager();

        var set = await manager.GetAsync(CancellationToken.None);

        Assert.That(_store.Keys, Has.Count.EqualTo(1));
        Assert.That(set.Signing.Id, Is.EqualTo(_store.Keys[0].Id));
        Assert.That(set.Published.Select(k => k.Id), Is.EqualTo(new[] { set.Signing.Id }));
    }

    [Test]
    public async Task Reads_within_the_cache_duration_do_not_touch_the_database()
    {
        using var manager = Manager();
        await manager.GetAsync(CancellationToken.None);
        var reads = _store.Reads;

        _clock.Advance(SigningKeyManager.CacheDuration - TimeSpan.FromSeconds(1));
        await manager.GetAsync(CancellationToken.None);
        Assert.That(_store.Reads, Is.EqualTo(reads));

        _clock.Advance(TimeSpan.FromSeconds(1));
        await manager.GetAsync(CancellationToken.None);
        Assert.That(_store.Reads, Is.EqualTo(reads + 1));
    }

    [Test]
    public async Task A_successor_is_created_before_rotation_published_at_once_and_signs_after_the_delay()
    {
        using var manager = Manager();
        var first = (await manager.GetAsync(CancellationToken.None)).Signing;

        _clock.Advance(Rotation - Delay);
        var during = await manager.GetAsync(CancellationToken.None);
        _clock.Advance(Delay);
        var after = await manager.GetAsync(CancellationToken.None);

        Assert.That(during.Signing.Id, Is.EqualTo(first.Id), "the new key is not used before verifiers can know it");
        Assert.That(during.Published, Has.Count.EqualTo(2));
        Assert.That(after.Signing.Id, Is.Not.EqualTo(first.Id));
        Assert.That(after.Signing.Generation, Is.EqualTo(2));
        Assert.That(after.Published.Select(k => k.Id), Does.Contain(first.Id), "tokens the old key signed are still live");
    }

    [Test]
    public async Task The_old_key_leaves_the_set_and_the_table_once_its_last_token_has_expired()
    {
        using var manager = Manager();
        var first = (await manager.GetAsync(CancellationToken.None)).Signing;
        _clock.Advance(Rotation - Delay);
        await manager.GetAsync(CancellationToken.None);
        _clock.Advance(Delay); // the successor signs from here

        _clock.Advance(_options.AccessTokenLifetime + SigningKeyManager.VerifierClockSkew - TimeSpan.FromSeconds(1));
        Assert.That((await manager.GetAsync(CancellationToken.None)).Published.Select(k => k.Id), Does.Contain(first.Id));

        _clock.Advance(SigningKeyManager.CacheDuration);
        var set = await manager.GetAsync(CancellationToken.None);

        Assert.That(set.Published.Select(k => k.Id), Does.Not.Contain(first.Id));
        Assert.That(_store.Keys.Select(k => k.Id), Does.Not.Contain(first.Id));
    }

    [Test]
    public async Task Two_instances_rotating_at_once_make_one_key_and_both_sign_with_it()
    {
        using var one = Manager();
        using var two = Manager();
        using var barrier = new Barrier(2);
        _store.ReadBarrier = barrier; // both read the empty table before either inserts

        var sets = await Task.WhenAll(one.GetAsync(CancellationToken.None).AsTask(), two.GetAsync(CancellationToken.None).AsTask());

        Assert.That(_generated, Is.EqualTo(2), "both generated a key: the race really happened");
        Assert.That(_store.Keys, Has.Count.EqualTo(1));
        Assert.That(sets[0].Signing.Id, Is.EqualTo(sets[1].Signing.Id));
    }

    [Test]
    public async Task An_instance_with_a_stale_cache_does_not_add_a_second_successor()
    {
        using var one = Manager();
        using var two = Manager();
        await one.GetAsync(CancellationToken.None);
        await two.GetAsync(CancellationToken.None);

        _clock.Advance(Rotation - Delay);
        await one.GetAsync(CancellationToken.None);
        var seenByTwo = await two.GetAsync(CancellationToken.None);

        Assert.That(_store.Keys.Select(k => k.Generation), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(seenByTwo.Published, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task An_unknown_kid_rereads_the_table_but_not_more_often_than_the_minimum_interval()
    {
        using var manager = Manager();
        await manager.GetAsync(CancellationToken.None);
        var reads = _store.Reads;

        manager.RequestRefresh();
        await manager.GetAsync(CancellationToken.None);
        Assert.That(_store.Reads, Is.EqualTo(reads), "a flood of junk kids must not become database reads");

        _clock.Advance(SigningKeyManager.MinRefreshInterval);
        manager.RequestRefresh();
        await manager.GetAsync(CancellationToken.None);
        Assert.That(_store.Reads, Is.EqualTo(reads + 1));
    }

    private SigningKeyManager Manager()
    {
        var generator = new Mock<ISigningKeyGenerator>();
        generator.Setup(g => g.Generate()).Returns(() =>
        {
            var n = Interlocked.Increment(ref _generated);
            return new SigningKeyMaterial($"kid-{n}", SigningKey.Es256, [1, 2, 3], "x", "y");
        });
        return new SigningKeyManager(_store, generator.Object, Options.Create(_options), _clock, NullLogger<SigningKeyManager>.Instance);
    }
}
