using System.Net;
using Microsoft.Extensions.Time.Testing;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Tokens;

/// <summary>
/// Rotation over a fake month (Auth:KeyRotation 30 days, access tokens 15 minutes): a new key is published before it
/// signs, a token the old key signed keeps working in Pilito and via the JWKS until it expires, and the old key then
/// leaves the JWKS.
/// </summary>
public sealed class KeyRotationTests
{
    private static readonly TimeSpan Rotation = TimeSpan.FromDays(30);
    private static readonly TimeSpan ActivationDelay = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    [Test]
    public async Task A_month_of_rotation_publishes_first_signs_later_and_drops_the_old_key_after_its_last_token()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new PilitoApp(null, new Dictionary<string, string?>
        {
            ["Auth:KeyRotation"] = "30.00:00:00",
            ["Auth:AccessTokenLifetime"] = "00:15:00",
        }, clock: clock);
        using var client = app.CreateClient(new() { HandleCookies = false });
        var oldKid = Jwks.Read(await SignInAsync(client)).Kid;

        // One activation delay before the month is up, the successor is made and published, not yet used.
        clock.Advance(Rotation - ActivationDelay);
        var kidsMeanwhile = await Jwks.KidsAsync(client);
        var lastOldToken = await SignInAsync(client);
        Assert.That(kidsMeanwhile, Has.Count.EqualTo(2).And.Contain(oldKid));
        Assert.That(Jwks.Read(lastOldToken).Kid, Is.EqualTo(oldKid), "a published key signs only after its delay");
        var newKid = kidsMeanwhile.Single(k => k != oldKid);

        // The month is up: the new key signs; the old key's last token is still good, here and via the JWKS.
        clock.Advance(ActivationDelay);
        Assert.That(Jwks.Read(await SignInAsync(client)).Kid, Is.EqualTo(newKid));
        using (var me = await client.MeAsync(lastOldToken))
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var viaJwks = await Jwks.VerifyAsync(client, lastOldToken, checkLifetime: false);
        Assert.That(viaJwks.IsValid, Is.True, viaJwks.Exception?.Message);

        // That token expires (15 minutes after it was made); the old key stays published a little longer, for
        // verifiers' clock skew, then goes.
        clock.Advance(Lifetime);
        using (var me = await client.MeAsync(lastOldToken))
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await Jwks.KidsAsync(client), Does.Contain(oldKid));
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.That(await Jwks.KidsAsync(client), Is.EqualTo(new[] { newKid }));
        Assert.That((await Jwks.StoredKeysAsync(app)).Select(k => k.Id), Is.EqualTo(new[] { newKid }), "spent keys are deleted");
    }

    private static async Task<string> SignInAsync(HttpClient client) =>
        (await client.SignInAsync(Phones.NextNational())).GetProperty("access_token").GetString()!;
}
