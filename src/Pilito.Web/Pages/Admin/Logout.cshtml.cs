using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pilito.Infrastructure.Identity;
using Pilito.Web.Admin;

namespace Pilito.Web.Pages.Admin;

public sealed class LogoutModel(UserManager<PilitoUser> users) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A new stamp ends this cookie everywhere, a copy replayed later included: deleting it in this browser is not enough.
        if (await users.GetUserAsync(User) is { } user)
            await users.UpdateSecurityStampAsync(user);
        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        return LocalRedirect(AdminAuthentication.LoginPath);
    }
}
