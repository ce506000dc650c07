namespace Pilito.Application.Auth.SigningKeys.GetPublishedKeys;

/// <summary>A P-256 public key as a JWK carries it: kid, alg and the point, base64url.</summary>
public sealed record PublishedKey(string Id, string Algorithm, string X, string Y);
