namespace Pilito.Web.Api;

/// <summary>The two members of OpenID Connect Discovery a bearer-token verifier reads; Pilito is no OpenID provider.</summary>
public sealed record DiscoveryDocument(string Issuer, string JwksUri);
