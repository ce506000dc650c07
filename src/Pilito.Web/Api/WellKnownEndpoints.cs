using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Pilito.Application.Auth.SigningKeys.GetPublishedKeys;
using Pilito.Application.Common.Options;
using Pilito.Web.Api.OpenApi;

namespace Pilito.Web.Api;

/// <summary>
/// What another service needs to verify Pilito's access tokens without a shared secret: the public keys (RFC 7517)
/// and the minimal discovery document that JwtBearer's <c>Authority</c> reads (issuer, jwks_uri).
/// </summary>
public static class WellKnownEndpoints
{
    public const string JwksPath = "/.well-known/jwks.json";
    public const string DiscoveryPath = "/.well-known/openid-configuration";

    /// <summary>Far below the key activation delay (5 minutes): a verifier's cached copy holds a new key before it signs.</summary>
    public const int MaxAgeSeconds = 60;

    public static void MapWellKnownEndpoints(this IEndpointRouteBuilder app)
    {
        var wellKnown = app.MapGroup("/.well-known").WithTags(ApiTags.TokenVerification).AllowAnonymous();
        // TypedResults.Json carries no response metadata: Produces gives the document its schema.
        wellKnown.MapGet("/jwks.json", Jwks).WithName(nameof(Jwks))
            .WithSummary("The public keys access tokens are signed with (ES256); empty with HS256.")
            .Produces<JsonWebKeySet>(StatusCodes.Status200OK, "application/json")
            .Answers(ApiExamples.Keys).ProducesDatabaseErrors();
        wellKnown.MapGet("/openid-configuration", Discovery).WithName(nameof(Discovery))
            .WithSummary("Issuer and JWKS address, for JwtBearer's Authority.")
            .Produces<DiscoveryDocument>(StatusCodes.Status200OK, "application/json")
            .Answers(ApiExamples.Discovery);
    }

    private static async Task<JsonHttpResult<JsonWebKeySet>> Jwks(HttpContext context, ISender sender)
    {
        var keys = await sender.Send(new GetPublishedKeysQuery(), context.RequestAborted);
        Cacheable(context);
        return TypedResults.Json(new JsonWebKeySet([.. keys.Select(JsonWebKeyBody.From)]), contentType: "application/json");
    }

    private static JsonHttpResult<DiscoveryDocument> Discovery(HttpContext context, IOptions<AuthOptions> options)
    {
        var issuer = options.Value.Issuer;
        Cacheable(context);
        return TypedResults.Json(new DiscoveryDocument(issuer, JwksUri(issuer, context.Request)),
            contentType: "application/json");
    }

    /// <summary>
    /// Under the issuer when it is an http(s) URL (the public address, whatever proxy the request came through);
    /// otherwise under the address this request reached, its scheme as the trusted proxy reports it.
    /// </summary>
    private static string JwksUri(string issuer, HttpRequest request) =>
        Uri.TryCreate(issuer, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? issuer.TrimEnd('/') + JwksPath
            : $"{request.Scheme}://{request.Host}{request.PathBase}{JwksPath}";

    private static void Cacheable(HttpContext context) =>
        context.Response.Headers.CacheControl = $"public, max-age={MaxAgeSeconds}";
}
