using System.Text;
using Microsoft.IdentityModel.Tokens;
using Pilito.Application.Common.Options;

namespace Pilito.Infrastructure.Security;

/// <summary>One place for how access tokens are signed and checked, so issuer and validator cannot drift apart.</summary>
public static class AccessTokenSigning
{
    public const string PhoneNumberClaim = "phone_number";

    public static SymmetricSecurityKey CreateKey(AuthOptions auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.SigningKey
            ?? throw new InvalidOperationException("Auth:SigningKey is not set.")));
    }

    public static TokenValidationParameters ValidationParameters(AuthOptions auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        return new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = auth.Audience,
            IssuerSigningKey = CreateKey(auth),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = "sub",
        };
    }
}
