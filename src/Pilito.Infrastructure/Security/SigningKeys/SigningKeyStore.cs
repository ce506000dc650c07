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
        // A look first: an instance that is merely late answers without a refused insert (which EF logs as an error).
        if (await db.Set<SigningKey>().AnyAsync(k => k.Generation == key.Generation, cancellationToken))
            return false;
        db.Add(key);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Lost a true race: the unique index refused us if the generation is now taken; anything else is a fault.
            await using var check = scopes.CreateAsyncScope();
            var taken = await check.ServiceProvider.GetRequiredService<PilitoDbContext>().Set<SigningKey>()
                .AnyAsync(k => k.Generation == key.Generation, cancellationToken);
            if (taken)
                return false;
            throw;
        }
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keyIds, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PilitoDbContext>();
        await db.Set<SigningKey>().Where(k => keyIds.Contains(k.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
