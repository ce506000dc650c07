using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pilito.Web.Admin;

namespace Pilito.Web.Pages.Admin;

/// <summary>The layout's language switch: remembers the choice in the culture cookie and goes back.</summary>
public sealed class CultureModel(IHostEnvironment environment) : PageModel
{
    public IActionResult OnGet(string? culture, string? returnUrl)
    {
        var chosen = AdminSetup.Cultures.FirstOrDefault(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase));
        if (chosen is not null)
        {
            Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions
                {
                    Path = "/admin",
                    MaxAge = TimeSpan.FromDays(365),
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = !environment.IsDevelopment(),
                    IsEssential = true,
                });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : AdminPaths.Dashboard);
    }
}
