using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Signing;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Tokens;

/// <summary>Two instances on one database, nothing shared in memory: one key ring, so each accepts the other's tokens.</summary>
public sealed class SharedKeyRingTests
{
    [Test]
    public async Task Two_instances_starting_at_once_sign_with_one_key_and_accept_each_others_tokens()
    {
        await using var first = new PilitoApp(null);
        await using var second = new PilitoApp(null, databasePath: first.DatabasePath);
        using var one = first.CreateClient(new() { HandleCookies = false });
        using var two = second.CreateClient(new() { HandleCookies = false });

        // Both instances find no key and sign someone in at the same moment.
        var tokens = await Task.WhenAll(SignInAsync(one), SignInAsync(two), SignInAsync(one), SignInAsync(two));

        Assert.That(tokens.Select(t => Jwks.Read(t).Kid).Distinct().Count(), Is.EqualTo(1));
        Assert.That(await Jwks.StoredKeysAsync(first), Has.Count.EqualTo(1));
        Assert.That(await Jwks.KidsAsync(one), Is.EqualTo(await Jwks.KidsAsync(two)));
        using var secondAcceptsFirst = await two.MeAsync(tokens[0]);
        using var firstAcceptsSecond = await one.MeAsync(tokens[1]);
        Assert.That(secondAcceptsFirst.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(firstAcceptsSecond.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_database_lets_one_key_of_a_generation_in_and_tells_the_loser()
    {
        await using var app = new PilitoApp(null);
        var store = app.Services.GetRequiredService<ISigningKeyStore>();
        var generator = app.Services.GetRequiredService<ISigningKeyGenerator>();
        var now = DateTimeOffset.UtcNow;

        var first = await store.TryAddAsync(SigningKey.Create(1, generator.Generate(), now, now), CancellationToken.None);
        var second = await store.TryAddAsync(SigningKey.Create(1, generator.Generate(), now, now), CancellationToken.None);

        Assert.That((first, second), Is.EqualTo((true, false)));
        Assert.That(await store.ListAsync(CancellationToken.None), Has.Count.EqualTo(1));
    }

    [TestCase(TestProvider.Sqlite)]
    [TestCase(TestProvider.PostgreSql)]
    public async Task Instances_racing_for_a_generation_store_one_key_and_log_no_error(TestProvider provider)
    {
        await using var app = new PilitoApp(null, provider: provider);
        var store = app.Services.GetRequiredService<ISigningKeyStore>();
        var generator = app.Services.GetRequiredService<ISigningKeyGenerator>();
        var now = DateTimeOffset.UtcNow;
        var startLines = app.Logs.Lines.Count; // what the start logged is another test's business
        var keys = Enumerable.Range(0, 12).Select(_ => SigningKey.Create(1, generator.Generate(), now, now)).ToList();

        // Each as a rotating instance would add its key: all of them before any has seen another's row.
        var added = await Task.WhenAll(keys.Select(k => Task.Run(() => store.TryAddAsync(k, CancellationToken.None))));

        Assert.That(added.Count(a => a), Is.EqualTo(1));
        var winner = keys[Array.IndexOf(added, true)];
        var stored = await store.ListAsync(CancellationToken.None);
        Assert.That(stored, Has.Count.EqualTo(1));
        // Every column as the model stores it (times as ticks): the key reads back as it was made.
        Assert.That(
            (stored[0].Id, stored[0].Generation, stored[0].Algorithm, stored[0].CreatedAt, stored[0].ActivatesAt, stored[0].PublicX, stored[0].PublicY),
            Is.EqualTo((winner.Id, 1, winner.Algorithm, winner.CreatedAt, winner.ActivatesAt, winner.PublicX, winner.PublicY)));
        Assert.That(stored[0].ProtectedPrivateKey, Is.EqualTo(winner.ProtectedPrivateKey));
        Assert.That(app.Logs.Lines.Skip(startLines).Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)), Is.Empty);
    }

    private static async Task<string> SignInAsync(HttpClient client) =>
        (await client.SignInAsync(Phones.NextNational())).GetProperty("access_token").GetString()!;
}
