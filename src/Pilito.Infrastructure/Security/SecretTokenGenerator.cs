using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Security;

/// <summary>256-bit random tokens; stored as SHA-256 (no key needed: the token itself is unguessable).</summary>
internal sealed class SecretTokenGenerator : ISecretTokenGenerator
{
    public string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public byte[] Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }
}
