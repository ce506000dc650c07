using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pilito.Infrastructure.Security.SigningKeys;

namespace Pilito.Web.Tests.Support;

/// <summary>Reads Pilito's JWKS and tokens as another service would, and makes tokens an attacker would.</summary>
public static class Jwks
{
    public const string Path = "/.well-known/jwks.json";
    public const string Issuer = "pilito";
    public const string Audience = "pilito-api";

    public static async Task<JsonWebKeySet> ReadAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new JsonWebKeySet(await client.GetStringAsync(new Uri(Path, UriKind.Relative)));
    }

    public static async Task<IReadOnlyList<string>> KidsAsync(HttpClient client) =>
        [.. (await ReadAsync(client)).Keys.Select(k => k.Kid)];

    public static JsonWebToken Read(string token) => new(token);

    /// <summary>Verifies as a remote service would from the JWKS alone; lifetime left out (a fake clock may be ahead).</summary>
    public static async Task<TokenValidationResult> VerifyAsync(HttpClient client, string token, bool checkLifetime = true)
    {
        var keys = await ReadAsync(client);
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidateLifetime = checkLifetime,
        });
    }

    /// <summary>The rows of the SigningKeys table: kid and the stored private-key bytes.</summary>
    public static async Task<List<(string Id, byte[] PrivateKey)>> StoredKeysAsync(PilitoApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var connection = new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, ProtectedPrivateKey FROM SigningKeys ORDER BY Generation";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, byte[])>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), (byte[])reader.GetValue(1)));
        return rows;
    }

    /// <summary>A key the app stored, unprotected with the app's own key ring: lets a test sign what Pilito would not.</summary>
    public static async Task<ECDsaSecurityKey> PrivateKeyAsync(PilitoApp app)
    {
        var (id, stored) = (await StoredKeysAsync(app))[^1];
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(EcdsaSigningKeyGenerator.Purpose);
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(protector.Unprotect(stored), out _);
        return new ECDsaSecurityKey(ecdsa) { KeyId = id };
    }

    public static string Sign(SecurityKey key, string algorithm, IDictionary<string, object> claims) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, algorithm),
        });

    /// <summary>Header and payload as given, signed HS256 with <paramref name="secret"/> by hand (no library check of the key).</summary>
    public static string HmacByHand(string kid, IDictionary<string, object> claims, byte[] secret)
    {
        var header = Encode(JsonSerializer.Serialize(new Dictionary<string, string> { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = kid }));
        var payload = Encode(JsonSerializer.Serialize(claims));
        var signature = Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    public static string WithAlgNone(IDictionary<string, object> claims) =>
        $"{Encode("""{"alg":"none","typ":"JWT"}""")}.{Encode(JsonSerializer.Serialize(claims))}.";

    public static Dictionary<string, object> Claims(string sub, DateTimeOffset now, string issuer = Issuer, string audience = Audience, TimeSpan? lifetime = null) => new()
    {
        ["sub"] = sub,
        ["iss"] = issuer,
        ["aud"] = audience,
        ["iat"] = now.ToUnixTimeSeconds(),
        ["nbf"] = now.ToUnixTimeSeconds(),
        ["exp"] = (now + (lifetime ?? TimeSpan.FromMinutes(15))).ToUnixTimeSeconds(),
    };

    public static async Task<HttpResponseMessage> MeAsync(this HttpClient client, string? token)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiClient.MePath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
}
