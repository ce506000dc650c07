using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using Pilito.Application.Admin.TwoFactor;
using Pilito.Application.Common.Options;
using Pilito.Infrastructure.Identity;

namespace Pilito.Web.Admin;

/// <summary>
/// A signed-in staff member who must use two factors (StaffTwoFactorRule) but has not enrolled reaches the enrolment
/// page, sign-out and the language switch only; every other admin page sends them to enrolment. The rule is the
/// Application's; this filter only applies it to the page being asked for.
/// </summary>
internal sealed class TwoFactorEnrolmentFilter : IAsyncPageFilter
{
    // Pages (by their view path) a member still to enrol may use; the anonymous ones never see a staff session anyway.
    private static readonly HashSet<string> Open = new(StringComparer.OrdinalIgnoreCase)
    {
        "/Admin/Account/TwoFactor", "/Admin/Logout", "/Admin/Culture", "/Admin/Login", "/Admin/LoginTwoFactor", "/Admin/AccessDenied",
    };

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (await MustEnrolFirstAsync(context))
            context.Result = new RedirectResult(AdminPaths.TwoFactor);
        else
            await next();
    }

    private static async Task<bool> MustEnrolFirstAsync(PageHandlerExecutingContext context)
    {
        var path = context.ActionDescriptor.ViewEnginePath;
        var http = context.HttpContext;
        if (!path.StartsWith("/Admin/", StringComparison.OrdinalIgnoreCase) || Open.Contains(path)
            || http.User.Identity?.IsAuthenticated != true)
            return false;

        var services = http.RequestServices;
        var roles = http.User.FindAll(ClaimTypes.Role).Select(c => c.Value);
        if (!StaffTwoFactorRule.IsRequired(roles, services.GetRequiredService<IOptions<StaffTwoFactorOptions>>().Value))
            return false;
        var users = services.GetRequiredService<UserManager<PilitoUser>>();
        // The session validator loaded this user for the request already: the context's tracker answers, not the database.
        return await users.GetUserAsync(http.User) is { } user && !await users.GetTwoFactorEnabledAsync(user);
    }
}
