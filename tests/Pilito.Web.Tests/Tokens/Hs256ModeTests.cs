using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Tokens;

/// <summary>Auth:SigningAlgorithm=HS256 keeps existing deployments as they were; switching to ES256 keeps their tokens.</summary>
public sealed class Hs256ModeTests
{
    private static readonly Dictionary<string, string?> Hs256 = new()
    {
        ["Auth:SigningAlgorithm"] = "HS256",
        ["Auth:SigningKey"] = PilitoApp.SigningKey,
    };

    [Test]
    public async Task HS256_signs_with_the_shared_key_as_before_and_publishes_no_key()
    {
        await using var app = new PilitoApp(null, Hs256);
        using var client = app.CreateClient(new() { HandleCookies = false });

        var token = await SignInAsync(client);
        using var me = await client.MeAsync(token);
        var jwks = await client.GetStringAsync(new Uri(Jwks.Path, UriKind.Relative));

        Assert.That(Jwks.Read(token).Alg, Is.EqualTo("HS256"));
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(jwks, Is.EqualTo("""{"keys":[]}"""), "a shared secret is never published");
        Assert.That(await Jwks.StoredKeysAsync(app), Is.Empty, "no key pair is made");
    }

    [Test]
    public async Task HS256_refuses_an_ES256_token_of_the_same_database()
    {
        await using var es256 = new PilitoApp(null);
        await using var hs256 = new PilitoApp(null, Hs256, databasePath: es256.DatabasePath);
        using var es256Client = es256.CreateClient(new() { HandleCookies = false });
        using var hs256Client = hs256.CreateClient(new() { HandleCookies = false });

        using var me = await hs256Client.MeAsync(await SignInAsync(es256Client));

        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task After_switching_to_ES256_tokens_of_the_old_key_work_while_it_is_still_set()
    {
        await using var before = new PilitoApp(null, Hs256);
        using var beforeClient = before.CreateClient(new() { HandleCookies = false });
        var hs256Token = await SignInAsync(beforeClient);
        await using var after = new PilitoApp(null, new Dictionary<string, string?> { ["Auth:SigningKey"] = PilitoApp.SigningKey },
            databasePath: before.DatabasePath);
        await using var afterWithoutKey = new PilitoApp(null, databasePath: before.DatabasePath);

        using var kept = await after.CreateClient(new() { HandleCookies = false }).MeAsync(hs256Token);
        using var dropped = await afterWithoutKey.CreateClient(new() { HandleCookies = false }).MeAsync(hs256Token);

        Assert.That(kept.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(dropped.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private static async Task<string> SignInAsync(HttpClient client) =>
        (await client.SignInAsync(Phones.NextNational())).GetProperty("access_token").GetString()!;
}
