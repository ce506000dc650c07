using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Phones;
using Pilito.Infrastructure.Persistence;

namespace Pilito.Infrastructure.Identity;

/// <summary>
/// Signs a phone in through Identity's <see cref="UserManager{TUser}"/> (its validation, normalisation, security
/// stamp and lockout rules), on whatever context and transaction the scope's <see cref="PilitoDbContext"/> uses.
/// </summary>
internal sealed class PhoneSignIn(UserManager<PilitoUser> userManager, PilitoDbContext db, ILogger<PhoneSignIn> logger)
{
    public async Task<UserSignIn> SignInAsync(PhoneNumber phone, DateTimeOffset now)
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

        if (user.IsLockedAt(now))
            return new UserSignIn(user.ToAccount(now), created);

        user.LastLoginAt = now;
        var updated = await userManager.UpdateAsync(user);
        if (!updated.Succeeded) // a concurrent sign-in of the same account wrote first; its time is as good
            logger.LogDebug("Last sign-in time of {UserId} not recorded: {Errors}", user.Id, Describe(updated));
        return new UserSignIn(user.ToAccount(now), created);
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
}
