using Microsoft.EntityFrameworkCore;

namespace Pilito.Infrastructure.Persistence;

internal static class DbContextExtensions
{
    /// <summary>Saves; on an optimistic-concurrency conflict saves nothing, forgets what was loaded and returns false.</summary>
    public static async Task<bool> TrySaveChangesAsync(this DbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
