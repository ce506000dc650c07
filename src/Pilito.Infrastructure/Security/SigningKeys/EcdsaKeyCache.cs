using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;
using Pilito.Domain.Signing;

namespace Pilito.Infrastructure.Security.SigningKeys;

/// <summary>
/// The ES256 keys as IdentityModel wants them, made once per kid: unprotecting a private key costs a Data Protection
/// decryption, too much for every sign-in. Key ids are thumbprints, so a kid always names the same key.
/// </summary>
public sealed class EcdsaKeyCache(IDataProtectionProvider dataProtection) : IDisposable
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector(EcdsaSigningKeyGenerator.Purpose);
    private readonly ConcurrentDictionary<string, Lazy<ECDsaSecurityKey>> _private = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ECDsaSecurityKey> _public = new(StringComparer.Ordinal);

    public SigningCredentials Credentials(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var securityKey = _private.GetOrAdd(key.Id, _ => new Lazy<ECDsaSecurityKey>(() => Unprotect(key))).Value;
        return new SigningCredentials(securityKey, SecurityAlgorithms.EcdsaSha256);
    }

    public ECDsaSecurityKey PublicKey(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _public.GetOrAdd(key.Id, _ =>
        {
            var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(key.PublicX), Y = Base64UrlEncoder.DecodeBytes(key.PublicY) },
            });
            return new ECDsaSecurityKey(ecdsa) { KeyId = key.Id };
        });
    }

    public void Dispose()
    {
        foreach (var key in _private.Values.Where(k => k.IsValueCreated))
            key.Value.ECDsa.Dispose();
        foreach (var key in _public.Values)
            key.ECDsa.Dispose();
    }

    private ECDsaSecurityKey Unprotect(SigningKey key)
    {
        var pkcs8 = _protector.Unprotect(key.ProtectedPrivateKey);
        try
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return new ECDsaSecurityKey(ecdsa) { KeyId = key.Id };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
