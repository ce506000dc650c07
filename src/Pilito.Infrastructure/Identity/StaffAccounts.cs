using Microsoft.AspNetCore.Identity;
using Pilito.Application.Admin.CreateStaffAccount;

namespace Pilito.Infrastructure.Identity;

public static class StaffAccounts
{
    /// <summary>Whether the account holds a staff role: phone accounts never do.</summary>
    public static async Task<bool> IsStaffAsync(this UserManager<PilitoUser> users, PilitoUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        foreach (var role in StaffRoles.All)
        {
            if (await users.IsInRoleAsync(user, role))
                return true;
        }

        return false;
    }
}
