using Pilito.Application.Auth.Sessions;

namespace Pilito.Web.Api;

/// <summary>
/// The access token as an HttpOnly cookie for browser apps ("Bearer &lt;token&gt;", the Django service's
/// HTTP_ACCESS cookie); the API accepts it in place of the Authorization header.
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

    public static string? ReadToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Cookies.TryGetValue(Name, out var value) && value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? value[Scheme.Length..].Trim()
            : null;
    }
}
