using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pilito.Web.Pages.Admin;

/// <summary>Where the cookie sends a signed-in account that is not staff; answers 403.</summary>
public sealed class AccessDeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
