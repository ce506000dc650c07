using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pilito.Application.Admin.Common;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Application.Admin.ListUsers;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Phones;
using Pilito.Domain.Webhooks;
using Pilito.Infrastructure.Identity;
using Pilito.Infrastructure.Persistence;

namespace Pilito.Infrastructure.Administration;

internal sealed class UserAdministration(
    PilitoDbContext db,
    UserManager<PilitoUser> userManager,
    RoleManager<IdentityRole<Guid>> roleManager) : IUserAdministration
{
    public async Task<Page<UserRow>> ListPhoneAccountsAsync(PhoneNumber? phone, PageRequest page, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        // Phone accounts carry their number; staff accounts (email + password) do not.
        var users = db.Users.AsNoTracking().Where(u => u.PhoneNumber != null);
        if (phone is not null)
            users = users.Where(u => u.PhoneNumber == phone.E164);
        // Newest first on the DateJoined index; the unique normalized user name breaks ties.
        var items = await Keyset.PageAsync(users, u => u.DateJoined, u => u.NormalizedUserName,
            c => (new DateTimeOffset(c.Key, TimeSpan.Zero), (string?)c.TieBreak),
            u => new UserItem(u.Id, u.PhoneNumber!, u.NormalizedUserName, u.DateJoined, u.LastLoginAt, u.LockoutEnd),
            u => new PageCursor(u.DateJoined.UtcTicks, u.NormalizedUserName ?? string.Empty),
            ascending: false, page, q => q.ToListAsync(cancellationToken));
        return new Page<UserRow>(
            [.. items.Items.Select(u => new UserRow(u.Id, u.Phone, u.DateJoined, u.LastLoginAt, u.LockoutEnd > now))],
            items.Next, items.Previous);
    }

    public async Task<bool> SetPhoneAccountLockAsync(Guid userId, bool locked, IReadOnlyList<WebhookMessage> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var user = await userManager.FindByIdAsync(userId.ToString());
        if (user?.PhoneNumber is null)
            return false;
        if (locked)
        {
            await userManager.SetLockoutEnabledAsync(user, true);
            db.WebhookMessages.AddRange(events); // saved by the next call, with the lock itself
            await userManager.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        }
        else
        {
            db.WebhookMessages.AddRange(events); // saved by the next call, with the unlock itself
            await userManager.SetLockoutEndDateAsync(user, null);
            await userManager.ResetAccessFailedCountAsync(user);
        }

        return true;
    }

    public async Task<CreateStaffAccountResult> CreateStaffAccountAsync(string email, string password, string role, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await userManager.FindByNameAsync(email) is not null || await userManager.FindByEmailAsync(email) is not null)
            return CreateStaffAccountResult.AlreadyExists;

        if (!await roleManager.RoleExistsAsync(role))
        {
            var roleCreated = await roleManager.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7(now) });
            if (!roleCreated.Succeeded)
                return Refused(roleCreated);
        }

        var user = new PilitoUser
        {
            Id = Guid.CreateVersion7(now),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DateJoined = now,
            LockoutEnabled = true, // wrong passwords lock a staff account for a while
        };
        var created = await userManager.CreateAsync(user, password);
        if (!created.Succeeded)
            return Refused(created);
        var added = await userManager.AddToRoleAsync(user, role);
        return added.Succeeded ? CreateStaffAccountResult.Created : Refused(added);
    }

    public async Task<Guid?> ResetStaffTwoFactorAsync(string email, CancellationToken cancellationToken)
    {
        var user = await userManager.FindByEmailAsync(email);
        if (user is null || !await userManager.IsStaffAsync(user))
            return null;
        // Each call renews the security stamp, so the member's open sessions (perhaps on the lost phone's owner's
        // laptop) end too. No recovery codes is zero new ones: Identity has no call that only clears them.
        await userManager.SetTwoFactorEnabledAsync(user, false);
        await userManager.ResetAuthenticatorKeyAsync(user);
        await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        return user.Id;
    }

    private static CreateStaffAccountResult Refused(IdentityResult result) =>
        new(CreateStaffAccountOutcome.Refused, [.. result.Errors.Select(e => e.Description)]);

    private sealed record UserItem(Guid Id, string Phone, string? NormalizedUserName, DateTimeOffset DateJoined,
        DateTimeOffset? LastLoginAt, DateTimeOffset? LockoutEnd);
}
