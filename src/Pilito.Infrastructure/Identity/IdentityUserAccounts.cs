using Microsoft.EntityFrameworkCore;
using Pilito.Application.Common.Ports;
using Pilito.Infrastructure.Persistence;

namespace Pilito.Infrastructure.Identity;

internal sealed class IdentityUserAccounts(PilitoDbContext db, TimeProvider clock) : IUserAccounts
{
    public Task<UserAccount?> FindAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new UserAccount(u.Id, u.PhoneNumber ?? string.Empty, u.DateJoined, u.LockoutEnd != null && u.LockoutEnd > now))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
