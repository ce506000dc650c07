using System.Text.Json.Serialization;
using Pilito.Application.Auth.SigningKeys.GetPublishedKeys;

namespace Pilito.Web.Api;

/// <summary>One EC P-256 public key as RFC 7517/7518 name its members (explicit names: the API's snake_case policy
/// must not touch them).</summary>
public sealed record JsonWebKeyBody(
    [property: JsonPropertyName("kty")] string KeyType,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("alg")] string Algorithm,
    [property: JsonPropertyName("kid")] string KeyId,
    [property: JsonPropertyName("crv")] string Curve,
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("y")] string Y)
{
    public static JsonWebKeyBody From(PublishedKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new JsonWebKeyBody("EC", "sig", key.Algorithm, key.Id, "P-256", key.X, key.Y);
    }
}
