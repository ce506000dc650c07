using Pilito.Domain.Signing;

namespace Pilito.Application.Common.Ports;

/// <summary>The signing keys' rows: read, add if the generation is free, delete. Decides nothing.</summary>
public interface ISigningKeyStore
{
    Task<IReadOnlyList<SigningKey>> ListAsync(CancellationToken cancellationToken);

    /// <summary>False when another instance already stored a key of that generation (the database's unique index).</summary>
    Task<bool> TryAddAsync(SigningKey key, CancellationToken cancellationToken);

    Task DeleteAsync(IReadOnlyCollection<string> keyIds, CancellationToken cancellationToken);
}
