using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Pilito.Application.Auth.SigningKeys;
using Pilito.Infrastructure.Security.SigningKeys;

namespace Pilito.Web.Api;

/// <summary>
/// Pilito's own bearer handler gets its ES256 keys as a remote verifier would get them from the JWKS, but straight
/// from the key ring: every published key (a retired key's tokens stay good until they expire, a new key's from its
/// first token on), read asynchronously and cached as briefly as the ring caches. An unknown kid asks the ring to read
/// again, at most every few seconds.
/// </summary>
internal sealed class SigningKeyConfigurationManager(SigningKeyManager keys, EcdsaKeyCache ecdsaKeys, string issuer)
    : IConfigurationManager<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var set = await keys.GetAsync(cancel);
        var configuration = new OpenIdConnectConfiguration { Issuer = issuer };
        foreach (var key in set.Published)
            configuration.SigningKeys.Add(ecdsaKeys.PublicKey(key));
        return configuration;
    }

    public void RequestRefresh() => keys.RequestRefresh();
}
