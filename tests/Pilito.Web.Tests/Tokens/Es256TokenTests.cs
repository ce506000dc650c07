using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Tokens;

/// <summary>ES256 access tokens (the default) and the JWKS they verify against; what an attacker tries is refused.</summary>
public sealed class Es256TokenTests : StandInFixture
{
    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => new(kavenegar: null);

    protected override HttpClient CreateClient(PilitoApp app) => app.CreateClient(new() { HandleCookies = false });

    [Test]
    public async Task Access_token_is_ES256_with_a_kid_and_verifies_against_the_JWKS_alone()
    {
        var token = await SignInAsync();

        var jwt = Jwks.Read(token);
        var result = await Jwks.VerifyAsync(Client, token);

        Assert.That(jwt.Alg, Is.EqualTo("ES256"));
        Assert.That(await Jwks.KidsAsync(Client), Does.Contain(jwt.Kid));
        Assert.That(result.IsValid, Is.True, result.Exception?.Message);
    }

    [Test]
    public async Task JWKS_publishes_EC_P256_public_keys_only_and_may_be_cached()
    {
        await SignInAsync();

        using var response = await Client.GetAsync(new Uri(Jwks.Path, UriKind.Relative));
        var body = await response.JsonAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(response.Headers.CacheControl?.Public, Is.True);
        Assert.That(response.Headers.CacheControl?.MaxAge, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.False);
        var key = body.GetProperty("keys")[0];
        Assert.That(key.EnumerateObject().Select(p => p.Name).Order(), Is.EqualTo(new[] { "alg", "crv", "kid", "kty", "use", "x", "y" }),
            "public members only: never d");
        Assert.That((key.GetProperty("kty").GetString(), key.GetProperty("crv").GetString(), key.GetProperty("alg").GetString(), key.GetProperty("use").GetString()),
            Is.EqualTo(("EC", "P-256", "ES256", "sig")));
        Assert.That(Base64UrlEncoder.DecodeBytes(key.GetProperty("x").GetString()!), Has.Length.EqualTo(32));
    }

    [Test]
    public async Task Discovery_names_the_issuer_and_an_absolute_JWKS_address_and_may_be_cached()
    {
        using var response = await Client.GetAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative));
        var body = await response.JsonAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("issuer").GetString(), Is.EqualTo(Jwks.Issuer));
        Assert.That(body.GetProperty("jwks_uri").GetString(), Is.EqualTo("http://localhost/.well-known/jwks.json"));
        Assert.That(response.Headers.CacheControl?.Public, Is.True);
        Assert.That(response.Headers.CacheControl?.MaxAge, Is.EqualTo(TimeSpan.FromSeconds(60)));
    }

    [Test]
    public async Task Discovery_builds_the_JWKS_address_from_an_issuer_that_is_a_URL()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?> { ["Auth:Issuer"] = "https://auth.example.ir/" });
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative));
        var body = await response.JsonAsync();

        Assert.That(body.GetProperty("issuer").GetString(), Is.EqualTo("https://auth.example.ir/"));
        Assert.That(body.GetProperty("jwks_uri").GetString(), Is.EqualTo("https://auth.example.ir/.well-known/jwks.json"));
    }

    [Test]
    public async Task Private_key_in_the_database_is_protected_not_PEM_or_PKCS8()
    {
        await SignInAsync();

        var (_, stored) = (await Jwks.StoredKeysAsync(App))[0];

        Assert.That(Encoding.ASCII.GetString(stored), Does.Not.Contain("BEGIN"));
        using var ecdsa = ECDsa.Create();
        Assert.Throws(Is.InstanceOf<CryptographicException>(), () => ecdsa.ImportPkcs8PrivateKey(stored, out _));
        Assert.Throws(Is.InstanceOf<CryptographicException>(), () => ecdsa.ImportECPrivateKey(stored, out _));
        using var key = (await Jwks.PrivateKeyAsync(App)).ECDsa; // only the app's key ring opens it
        Assert.That(key.KeySize, Is.EqualTo(256));
    }

    [Test]
    public async Task Key_creation_is_logged_by_kid_and_no_key_material_reaches_a_log()
    {
        await SignInAsync();
        var (kid, stored) = (await Jwks.StoredKeysAsync(App))[0];
        using var key = (await Jwks.PrivateKeyAsync(App)).ECDsa;
        var d = key.ExportParameters(includePrivateParameters: true).D!;

        var logs = App.Logs.All;

        Assert.That(logs, Does.Contain($"Created access-token signing key {kid}"));
        Assert.That(logs, Does.Not.Contain(Base64UrlEncoder.Encode(d)).And.Not.Contain(Convert.ToBase64String(d)));
        Assert.That(logs, Does.Not.Contain(Convert.ToBase64String(stored)).And.Not.Contain("PRIVATE KEY"));
    }

    [Test]
    public async Task Me_accepts_a_token_signed_by_the_published_key()
    {
        var token = await SignInAsync();

        using var response = await Client.MeAsync(token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("x||y")]
    [TestCase("spki")]
    [TestCase("pem")]
    [TestCase("jwk")]
    public async Task Algorithm_confusion_an_HS256_token_keyed_with_the_public_key_is_refused(string form)
    {
        var sub = await SubjectAsync();
        var key = (await Jwks.ReadAsync(Client)).Keys[0];
        var secret = PublicKeyAs(form, key);

        using var response = await Client.MeAsync(Jwks.HmacByHand(key.Kid, Jwks.Claims(sub, DateTimeOffset.UtcNow), secret));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Unsigned_token_with_alg_none_is_refused()
    {
        var sub = await SubjectAsync();

        using var response = await Client.MeAsync(Jwks.WithAlgNone(Jwks.Claims(sub, DateTimeOffset.UtcNow)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase("issuer")]
    [TestCase("audience")]
    [TestCase("expired")]
    [TestCase("not yet valid")]
    public async Task Token_signed_with_the_real_key_but_wrong_claims_is_refused(string wrong)
    {
        var sub = await SubjectAsync();
        var now = DateTimeOffset.UtcNow;
        var claims = wrong switch
        {
            "issuer" => Jwks.Claims(sub, now, issuer: "someone-else"),
            "audience" => Jwks.Claims(sub, now, audience: "another-api"),
            "expired" => Jwks.Claims(sub, now - TimeSpan.FromHours(1)),
            _ => Jwks.Claims(sub, now + TimeSpan.FromHours(1)),
        };
        var key = await Jwks.PrivateKeyAsync(App);

        using var response = await Client.MeAsync(Jwks.Sign(key, SecurityAlgorithms.EcdsaSha256, claims));
        using var control = await Client.MeAsync(Jwks.Sign(key, SecurityAlgorithms.EcdsaSha256, Jwks.Claims(sub, now)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(control.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the same key with the right claims is accepted");
    }

    [Test]
    public async Task Token_signed_by_an_unpublished_key_under_a_published_kid_is_refused()
    {
        var sub = await SubjectAsync();
        var kid = (await Jwks.KidsAsync(Client))[0];
        using var impostor = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var token = Jwks.Sign(new ECDsaSecurityKey(impostor) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256, Jwks.Claims(sub, DateTimeOffset.UtcNow));
        using var response = await Client.MeAsync(token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Tampered_payload_is_refused()
    {
        var token = await SignInAsync();
        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, object>>(Base64UrlEncoder.Decode(parts[1]))!;
        payload["phone_number"] = "+989000000000";

        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload))}.{parts[2]}";
        using var response = await Client.MeAsync(tampered);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private async Task<string> SignInAsync() =>
        (await Client.SignInAsync(Phones.NextNational())).GetProperty("access_token").GetString()!;

    private async Task<string> SubjectAsync() => Jwks.Read(await SignInAsync()).Subject;

    private static byte[] PublicKeyAs(string form, JsonWebKey key)
    {
        var x = Base64UrlEncoder.DecodeBytes(key.X);
        var y = Base64UrlEncoder.DecodeBytes(key.Y);
        using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
        return form switch
        {
            "x||y" => [.. x, .. y],
            "spki" => ecdsa.ExportSubjectPublicKeyInfo(),
            "pem" => Encoding.ASCII.GetBytes(ecdsa.ExportSubjectPublicKeyInfoPem()),
            _ => Encoding.UTF8.GetBytes($$"""{"crv":"P-256","kty":"EC","x":"{{key.X}}","y":"{{key.Y}}"}"""),
        };
    }
}
