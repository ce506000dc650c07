using Microsoft.OpenApi;

namespace Pilito.Web.Api.OpenApi;

/// <summary>How an API request carries its access token: the Authorization header, or for GET the HTTP_ACCESS cookie.</summary>
public static class BearerSchemes
{
    public const string Bearer = "Bearer";
    public const string Cookie = "AccessCookie";

    public static void AddTo(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        var schemes = document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        schemes.TryAdd(Bearer, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The access_token of a sign-in or refresh: `Authorization: Bearer <token>` (ES256 JWT, 15 minutes).",
        });
        schemes.TryAdd(Cookie, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = AccessTokenCookie.Name,
            Description = "For browser apps, GET only: the HttpOnly cookie a sign-in sets, `Bearer <token>`. " +
                "Requests that change state must use the header (no CSRF).",
        });
    }

    /// <summary>The header, or (GET and HEAD, as <see cref="AccessTokenCookie.ReadToken"/> allows) the cookie instead.</summary>
    public static List<OpenApiSecurityRequirement> Requirements(OpenApiDocument document, string? method)
    {
        AddTo(document);
        List<OpenApiSecurityRequirement> requirements = [new() { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] }];
        if (HttpMethods.IsGet(method ?? "") || HttpMethods.IsHead(method ?? ""))
            requirements.Add(new() { [new OpenApiSecuritySchemeReference(Cookie, document)] = [] });
        return requirements;
    }
}
