using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pilito.Web.Tests.Support;

/// <summary>Self-signed certificates written to files, as an operator's <c>openssl req -x509</c> would make them.</summary>
public static class TestCertificates
{
    /// <summary>An RSA certificate and its key as a password-protected PKCS #12 file.</summary>
    public static string RsaPfx(string path, string password)
    {
        using var rsa = RSA.Create(2048);
        using var certificate = SelfSigned(rsa);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    /// <summary>An RSA certificate followed by its unencrypted PKCS #8 key, in one PEM file.</summary>
    public static string RsaPem(string path)
    {
        using var rsa = RSA.Create(2048);
        using var certificate = SelfSigned(rsa);
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem());
        return path;
    }

    private static X509Certificate2 SelfSigned(RSA rsa) =>
        new CertificateRequest("CN=pilito-key-ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
}
