using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Phones;
using Pilito.Infrastructure.Persistence;

namespace Pilito.Infrastructure.Identity;

internal sealed class IdentityUserAccounts(
    UserManager<PilitoUser> userManager,
    PilitoDbContext db,
    TimeProvider clock,
    ILogger<IdentityUserAccounts> logger) : IUserAccounts
{
    public async Task<UserSignIn> SignInAsync(PhoneNumber phone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var user = await userManager.FindByNameAsync(phone.E164);
        var created = false;
        if (user is null)
        {
            user = await TryCreateAsync(phone, now);
            created = user is not null;
            user ??= await userManager.FindByNameAsync(phone.E164)
                ?? throw new InvalidOperationException("The phone account could neither be created nor found.");
        }

        if (IsLocked(user, now))
            return new UserSignIn(ToAccount(user, now), created);

        user.LastLoginAt = now;
        var updated = await userManager.UpdateAsync(user);
        if (!updated.Succeeded) // a concurrent sign-in of the same account wrote first; its time is as good
            logger.LogDebug("Last sign-in time of {UserId} not recorded: {Errors}", user.Id, Describe(updated));
        return new UserSignIn(ToAccount(user, now), created);
    }

    public Task<UserAccount?> FindAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new UserAccount(u.Id, u.PhoneNumber ?? string.Empty, u.DateJoined, u.LockoutEnd != null && u.LockoutEnd > now))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Null when another request created the same account first (the user name is unique).</summary>
    private async Task<PilitoUser?> TryCreateAsync(PhoneNumber phone, DateTimeOffset now)
    {
        var user = new PilitoUser
        {
            Id = Guid.CreateVersion7(now),
            UserName = phone.E164,
            PhoneNumber = phone.E164,
            PhoneNumberConfirmed = true,
            DateJoined = now,
        };
        try
        {
            var result = await userManager.CreateAsync(user);
            if (result.Succeeded)
                return user;
            logger.LogInformation("Account for {Phone} not created: {Errors}", phone, Describe(result));
        }
        catch (DbUpdateException)
        {
            db.Entry(user).State = EntityState.Detached;
        }

        return null;
    }

    private static string Describe(IdentityResult result) => string.Join(", ", result.Errors.Select(e => e.Code));

    private static bool IsLocked(PilitoUser user, DateTimeOffset now) => user.LockoutEnd is { } end && end > now;

    private static UserAccount ToAccount(PilitoUser user, DateTimeOffset now) =>
        new(user.Id, user.PhoneNumber ?? string.Empty, user.DateJoined, IsLocked(user, now));
}
