using Microsoft.EntityFrameworkCore;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Accounts;

namespace Pilito.Infrastructure.Persistence;

internal sealed class RefreshTokenStore(PilitoDbContext db) : IRefreshTokenStore
{
    public void Add(RefreshToken token) => db.RefreshTokens.Add(token);

    public Task<RefreshToken?> FindByHashAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        db.RefreshTokens.FirstOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);

    public async Task RevokeFamilyAsync(Guid familyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Retried on conflict: a concurrent rotation may add a successor that must be revoked too.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            db.ChangeTracker.Clear();
            var live = await db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null).ToListAsync(cancellationToken);
            foreach (var token in live)
                token.Revoke(now);
            if (await db.TrySaveChangesAsync(cancellationToken))
                return;
        }
    }

    public Task<bool> TrySaveAsync(CancellationToken cancellationToken) => db.TrySaveChangesAsync(cancellationToken);
}
