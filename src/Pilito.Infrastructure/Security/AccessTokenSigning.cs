using System.Text;
using Microsoft.IdentityModel.Tokens;
using Pilito.Application.Common.Options;

namespace Pilito.Infrastructure.Security;

/// <summary>One place for how access tokens are signed and checked, so issuer and validator cannot drift apart.</summary>
public static class AccessTokenSigning
{
    public const string PhoneNumberClaim = "phone_number";

    /// <summary>
    /// The refresh family the access token was issued for (OpenID Connect's session id): a phone change keeps that
    /// session and ends the account's others. Tokens issued before it existed have none.
    /// </summary>
    public const string SessionClaim = "sid";

    public static SymmetricSecurityKey CreateKey(AuthOptions auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.SigningKey
            ?? throw new InvalidOperationException("Auth:SigningKey is not set.")));
    }

    /// <summary>
    /// HS256: the shared secret only. ES256: the published keys come from the key ring (the bearer handler's
    /// configuration manager); HS256 is accepted beside it only while Auth:SigningKey is still set, for the tokens
    /// signed before the switch. Each algorithm is tied to its own kind of key, so an HS256 token "signed" with a
    /// public EC key is refused (algorithm confusion), and "none" is never in the list.
    /// </summary>
    public static TokenValidationParameters ValidationParameters(AuthOptions auth, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(auth);
        var hmac = auth.UsesHs256 || auth.HasSigningKey;
        return new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = auth.Audience,
            IssuerSigningKey = hmac ? CreateKey(auth) : null,
            ValidAlgorithms = auth.UsesHs256 ? [SecurityAlgorithms.HmacSha256]
                : hmac ? [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.HmacSha256]
                : [SecurityAlgorithms.EcdsaSha256],
            ClockSkew = AuthOptions.ClockSkew,
            NameClaimType = "sub",
            // The app's clock rather than IdentityModel's own (its TimeProvider is not public): expiry follows the
            // same time that issued the token, also under a test's fake clock.
            LifetimeValidator = (notBefore, expires, _, parameters) => IsLive(notBefore, expires, clock.GetUtcNow().UtcDateTime, parameters.ClockSkew),
        };
    }

    private static bool IsLive(DateTime? notBefore, DateTime? expires, DateTime now, TimeSpan skew) =>
        expires is { } end && now < end + skew && (notBefore is not { } start || now >= start - skew);
}
