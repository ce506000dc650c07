namespace Pilito.Web.Api.OpenApi;

/// <summary>A sample request body, as endpoint metadata: the document shows it (Swagger UI pre-fills the first).</summary>
public sealed record DocumentedRequest(string Name, string Summary, IReadOnlyDictionary<string, object?> Body);
