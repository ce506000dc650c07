using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.OpenApi;

/// <summary>The app's /openapi/v1.json, read once, and the API endpoints the app really maps.</summary>
public sealed class OpenApiDocument
{
    private OpenApiDocument(JsonObject root, IReadOnlyList<MappedEndpoint> mapped)
    {
        Root = root;
        Mapped = mapped;
    }

    public JsonObject Root { get; }

    /// <summary>Every endpoint with an HTTP method that is not a Razor page or marked "not in the description".</summary>
    public IReadOnlyList<MappedEndpoint> Mapped { get; }

    public IEnumerable<Operation> Operations =>
        from path in Root["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        select new Operation(method.Key.ToUpperInvariant(), path.Key, method.Value!.AsObject());

    public Operation Operation(string method, string path) =>
        Operations.Single(o => o.Method == method && o.Path == path);

    public static async Task<OpenApiDocument> ReadAsync(PilitoApp app, HttpClient client)
    {
        var root = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject();
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null)
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => new MappedEndpoint(
                method, "/" + e.RoutePattern.RawText!.Trim('/'),
                e.Metadata.GetMetadata<IAuthorizeData>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)))
            .ToList();
        return new OpenApiDocument(root, mapped);
    }
}
