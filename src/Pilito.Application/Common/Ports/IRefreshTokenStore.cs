using Pilito.Domain.Accounts;

namespace Pilito.Application.Common.Ports;

public interface IRefreshTokenStore
{
    void Add(RefreshToken token);

    Task<RefreshToken?> FindByHashAsync(byte[] tokenHash, CancellationToken cancellationToken);

    Task RevokeFamilyAsync(Guid familyId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>False (nothing saved) when another request changed a loaded token first.</summary>
    Task<bool> TrySaveAsync(CancellationToken cancellationToken);
}
