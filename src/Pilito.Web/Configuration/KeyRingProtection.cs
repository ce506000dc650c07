using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Pilito.Web.Configuration;

/// <summary>
/// Encrypts the Data Protection key ring, which lives in the database beside what it protects (staff cookies, the
/// ES256 private keys), with a certificate kept outside it: a dump of the database then yields neither. Optional:
/// without <see cref="CertificatePathSetting"/> the ring is stored as Data Protection stores it by default.
/// </summary>
public static class KeyRingProtection
{
    public const string CertificatePathSetting = "DataProtection:CertificatePath";
    public const string CertificatePasswordSetting = "DataProtection:CertificatePassword";
    public const string PreviousCertificatePathsSetting = "DataProtection:PreviousCertificatePaths";

    public static void AddKeyRingProtection(this WebApplicationBuilder builder)
    {
        var path = builder.Configuration[CertificatePathSetting];
        if (string.IsNullOrWhiteSpace(path))
            return;
        var password = builder.Configuration[CertificatePasswordSetting];
        var current = Load(path, password, CertificatePathSetting);
        var previous = builder.Configuration.GetSection(PreviousCertificatePathsSetting).Get<string[]>() ?? [];
        X509Certificate2[] readers = [current, .. previous.Select((p, i) => Load(p, password, $"{PreviousCertificatePathsSetting}:{i}"))];
        builder.Services.AddDataProtection()
            .ProtectKeysWithCertificate(current)
            .UnprotectKeysWithAnyCertificate(readers); // keys written under an earlier certificate stay readable
    }

    private static X509Certificate2 Load(string path, string? password, string setting)
    {
        if (!File.Exists(path))
            throw new InvalidSettingException($"{setting}: there is no file '{path}'.");
        X509Certificate2 certificate;
        try
        {
            certificate = IsPkcs12(path)
                ? X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet)
                : string.IsNullOrEmpty(password) ? X509Certificate2.CreateFromPemFile(path) : X509Certificate2.CreateFromEncryptedPemFile(path, password);
        }
        catch (CryptographicException)
        {
            throw new InvalidSettingException(
                $"{setting}: '{path}' cannot be read as a certificate with its private key (a .pfx/.p12 file, or PEM with " +
                $"the key in the same file); check the file and {CertificatePasswordSetting}.");
        }

        using var key = certificate.GetRSAPrivateKey();
        if (key is null)
        {
            certificate.Dispose();
            throw new InvalidSettingException($"{setting}: '{path}' must hold an RSA certificate and its private key (Data Protection encrypts the key ring with RSA).");
        }

        return certificate;
    }

    private static bool IsPkcs12(string path) =>
        Path.GetExtension(path).ToUpperInvariant() is ".PFX" or ".P12";
}
