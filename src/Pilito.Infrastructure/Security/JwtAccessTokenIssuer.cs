using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pilito.Application.Auth.SigningKeys;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Infrastructure.Security.SigningKeys;

namespace Pilito.Infrastructure.Security;

internal sealed class JwtAccessTokenIssuer(IOptions<AuthOptions> options, SigningKeyManager keys, EcdsaKeyCache ecdsaKeys)
    : IAccessTokenIssuer
{
    private static readonly JsonWebTokenHandler Handler = new();
    private readonly Lazy<SigningCredentials> _hmac = new(() =>
        new SigningCredentials(AccessTokenSigning.CreateKey(options.Value), SecurityAlgorithms.HmacSha256));

    public async ValueTask<AccessToken> IssueAsync(UserAccount user, Guid sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var auth = options.Value;
        // ES256: the ring's current key, its kid in the header so verifiers pick it from the JWKS.
        var credentials = auth.UsesEs256 ? ecdsaKeys.Credentials((await keys.GetAsync(cancellationToken)).Signing) : _hmac.Value;
        var expires = now + auth.AccessTokenLifetime;
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = credentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = user.Id.ToString(),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
                [AccessTokenSigning.PhoneNumberClaim] = user.PhoneNumber,
                [AccessTokenSigning.SessionClaim] = sessionId.ToString(),
            },
        });
        return new AccessToken(token, expires);
    }
}
