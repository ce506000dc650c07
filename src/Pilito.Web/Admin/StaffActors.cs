using System.Security.Claims;
using Pilito.Application.Admin.Audit;

namespace Pilito.Web.Admin;

/// <summary>
/// Who is acting, for the audit log. The address is the connection's remote address, as the API's endpoints read it:
/// after the forwarded-headers middleware, which believes only the configured proxies (docs/security.md).
/// </summary>
public static class StaffActors
{
    /// <summary>The signed-in staff member of this request (id and email from the Identity cookie's claims).</summary>
    public static StaffActor Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        var id = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var parsed) ? parsed : (Guid?)null;
        return new StaffActor(id, user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name, AddressOf(context));
    }

    /// <summary>Someone not (yet) signed in: a sign-in, or a refused one with the email as typed.</summary>
    public static StaffActor Anonymous(HttpContext context, Guid? staffId, string? email)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new StaffActor(staffId, email, AddressOf(context));
    }

    private static string? AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
