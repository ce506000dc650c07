using Pilito.Application.Auth.Sessions;

namespace Pilito.Web.Api;

/// <summary>
/// The access token as an HttpOnly cookie for browser apps ("Bearer &lt;token&gt;", the Django service's
/// HTTP_ACCESS cookie). The API accepts it in place of the Authorization header for safe methods only (GET, HEAD):
/// a request that changes state must carry the header, which another site cannot make a browser send (no CSRF).
/// </summary>
public static class AccessTokenCookie
{
    public const string Name = "HTTP_ACCESS";
    private const string Scheme = "Bearer ";

    public static void Append(HttpContext context, Session session, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(session);
        context.Response.Cookies.Append(Name, Scheme + session.Access.Value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = !environment.IsDevelopment(),
            Expires = session.Access.ExpiresAt,
            Path = "/",
        });
    }

    /// <summary>Removes the cookie from the browser (sign-out).</summary>
    public static void Delete(HttpContext context, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(Name, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = !environment.IsDevelopment(),
            Path = "/",
        });
    }

    /// <summary>The token in the cookie, for a safe method only; null otherwise.</summary>
    public static string? ReadToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            return null;
        return request.Cookies.TryGetValue(Name, out var value) && value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? value[Scheme.Length..].Trim()
            : null;
    }
}
