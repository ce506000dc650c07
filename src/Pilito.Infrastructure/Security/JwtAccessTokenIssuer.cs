using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Security;

internal sealed class JwtAccessTokenIssuer(IOptions<AuthOptions> options) : IAccessTokenIssuer
{
    private static readonly JsonWebTokenHandler Handler = new();
    private readonly SigningCredentials _credentials = new(AccessTokenSigning.CreateKey(options.Value), SecurityAlgorithms.HmacSha256);

    public AccessToken Issue(UserAccount user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        var auth = options.Value;
        var expires = now + auth.AccessTokenLifetime;
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _credentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = user.Id.ToString(),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
                [AccessTokenSigning.PhoneNumberClaim] = user.PhoneNumber,
            },
        });
        return new AccessToken(token, expires);
    }
}
