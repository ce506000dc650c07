using Pilito.Domain.Signing;

namespace Pilito.Application.Auth.SigningKeys;

/// <summary>What one read of the ring gives: the key that signs now and every key verifiers must know.</summary>
public sealed record SigningKeySet(SigningKey Signing, IReadOnlyList<SigningKey> Published);
