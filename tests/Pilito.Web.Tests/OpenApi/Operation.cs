using System.Text.Json.Nodes;

namespace Pilito.Web.Tests.OpenApi;

/// <summary>One operation of the served document.</summary>
public sealed record Operation(string Method, string Path, JsonObject Node)
{
    public JsonObject Responses => Node["responses"]!.AsObject();

    public IEnumerable<string> Statuses => Responses.Select(r => r.Key);

    public JsonObject? Response(int status) => Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?.AsObject();

    /// <summary>The response's only media type (application/json, or application/problem+json for the framework's).</summary>
    public static JsonNode? Media(JsonNode? response) => response?["content"]?.AsObject().SingleOrDefault().Value;

    /// <summary>The named example's value in the response with that status.</summary>
    public JsonNode Example(int status, string name) =>
        Media(Response(status))?["examples"]?[name]?["value"]
        ?? throw new AssertionException($"{this} documents no {status} example named {name}.");

    public override string ToString() => $"{Method} {Path}";
}
