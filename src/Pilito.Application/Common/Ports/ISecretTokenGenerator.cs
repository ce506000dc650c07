namespace Pilito.Application.Common.Ports;

/// <summary>Makes opaque high-entropy tokens (refresh tokens) and the hashes they are stored under.</summary>
public interface ISecretTokenGenerator
{
    string Generate();

    byte[] Hash(string token);
}
