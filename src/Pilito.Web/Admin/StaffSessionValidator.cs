using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Pilito.Infrastructure.Identity;

namespace Pilito.Web.Admin;

/// <summary>
/// Checks the staff cookie on every request: its security stamp (sign-out and a password change renew it, so an
/// old cookie replayed afterwards is refused), the account's lockout, and the session's absolute lifetime
/// (Admin:SessionLifetime) on top of the sliding one.
/// </summary>
public static class StaffSessionValidator
{
    /// <summary>When the staff member signed in: the cookie's IssuedUtc moves with every sliding renewal, this does not.</summary>
    public const string SignedInAt = "pilito.signed_in_at";

    /// <summary>Stamps a new session with its sign-in time; a renewal keeps the stamp it has.</summary>
    public static Task StampSignInAsync(CookieSigningInContext context)
    {
        var items = context.Properties.Items;
        if (!items.ContainsKey(SignedInAt))
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            items[SignedInAt] = now.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Task.CompletedTask;
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal?.Identity?.IsAuthenticated != true)
            return; // the stamp check refused it already

        var services = context.HttpContext.RequestServices;
        var lifetime = services.GetRequiredService<IOptions<AdminSessionOptions>>().Value.SessionLifetime;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var users = services.GetRequiredService<UserManager<PilitoUser>>();
        var user = await users.GetUserAsync(context.Principal);
        if (SignedIn(context.Properties) is not { } signedIn || now - signedIn > lifetime || user is null || await users.IsLockedOutAsync(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    private static DateTimeOffset? SignedIn(AuthenticationProperties properties) =>
        properties.Items.TryGetValue(SignedInAt, out var ticks) && long.TryParse(ticks, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? new DateTimeOffset(value, TimeSpan.Zero)
            : null;
}
