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

    private static async Task<string> SignInAsync(HttpClient client) =>
        (await client.SignInAsync(Phones.NextNational())).GetProperty("access_token").GetString()!;
}
