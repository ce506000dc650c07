using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Signing;
using Pilito.Infrastructure.Persistence;

namespace Pilito.Infrastructure.Security.SigningKeys;

/// <summary>A singleton (the key ring is shared by every request) that takes a context of its own for each call.</summary>
internal sealed class SigningKeyStore(IServiceScopeFactory scopes) : ISigningKeyStore
{
    public async Task<IReadOnlyList<SigningKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PilitoDbContext>();
        return await db.Set<SigningKey>().AsNoTracking().ToListAsync(cancellationToken);
    }

    public async Task<bool> TryAddAsync(SigningKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PilitoDbContext>();
        return await SigningKeyInsert.ExecuteAsync(db, key, cancellationToken) == 1;
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keyIds, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PilitoDbContext>();
        await db.Set<SigningKey>().Where(k => keyIds.Contains(k.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
