namespace Pilito.Domain.Signing;

/// <summary>A freshly generated key pair, private half already protected: what the crypto side hands the rules.</summary>
public sealed record SigningKeyMaterial(string Id, string Algorithm, byte[] ProtectedPrivateKey, string PublicX, string PublicY)
{
    public override string ToString() => $"key material {Id}"; // a record would print the protected bytes
}
