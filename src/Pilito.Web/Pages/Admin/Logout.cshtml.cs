using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pilito.Application.Admin.RecordStaffAction;
using Pilito.Domain.Audit;
using Pilito.Infrastructure.Identity;
using Pilito.Web.Admin;

namespace Pilito.Web.Pages.Admin;

public sealed class LogoutModel(UserManager<PilitoUser> users, ISender sender, ILogger<LogoutModel> logger) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A new stamp ends this cookie everywhere, a copy replayed later included: deleting it in this browser is not enough.
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            logger.LogInformation("Staff {UserId} {StaffEmail} signed out of the admin pages", user.Id, user.Email);
            // Read from the cookie's principal before it is signed out, while the request still carries it.
            await sender.Send(new RecordStaffActionCommand(StaffActors.Of(HttpContext), StaffAuditAction.SignOut), HttpContext.RequestAborted);
        }

        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        return LocalRedirect(AdminAuthentication.LoginPath);
    }
}
