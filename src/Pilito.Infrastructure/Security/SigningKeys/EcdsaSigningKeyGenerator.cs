using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Signing;

namespace Pilito.Infrastructure.Security.SigningKeys;

/// <summary>
/// New P-256 key pairs. The PKCS #8 private key is protected with Data Protection (the key ring every instance shares
/// in the database) before it leaves this class, as Duende's automatic key management stores its keys.
/// </summary>
internal sealed class EcdsaSigningKeyGenerator(IDataProtectionProvider dataProtection) : ISigningKeyGenerator
{
    /// <summary>The purpose string: these bytes can be unprotected for this use only, never as a cookie or a token.</summary>
    public const string Purpose = "Pilito.AccessTokenSigningKeys.v1";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    public SigningKeyMaterial Generate()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        var x = Base64UrlEncoder.Encode(point.X);
        var y = Base64UrlEncoder.Encode(point.Y);
        var pkcs8 = ecdsa.ExportPkcs8PrivateKey();
        try
        {
            return new SigningKeyMaterial(Thumbprint(x, y), SigningKey.Es256, _protector.Protect(pkcs8), x, y);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>RFC 7638: SHA-256 of the required members in lexicographic order, no spaces; a stable, unique kid.</summary>
    public static string Thumbprint(string x, string y) => Base64UrlEncoder.Encode(SHA256.HashData(
        Encoding.UTF8.GetBytes($$"""{"crv":"P-256","kty":"EC","x":"{{x}}","y":"{{y}}"}""")));
}
