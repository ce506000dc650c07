using Pilito.Domain.Signing;

namespace Pilito.Application.Common.Ports;

/// <summary>Makes a new ES256 key pair, its private half protected at rest before it leaves the generator.</summary>
public interface ISigningKeyGenerator
{
    SigningKeyMaterial Generate();
}
