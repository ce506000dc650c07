using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Pilito.Web.Api.OpenApi;

/// <summary>The document's own parts: title, description, licence, server, tags, security schemes.</summary>
public sealed class PilitoDocumentTransformer : IOpenApiDocumentTransformer
{
    private const string Description = """
        Sign in with an Iranian mobile number: `POST /api/v1/usr/otp` sends a one-time code by SMS (or a voice call),
        `POST /api/v1/usr/otp/verify` trades it for an access token (ES256 JWT) and a refresh token.

        Paths, snake_case field names and error texts are those of the Django service Pilito replaces: clients match
        on them. Every answer below is listed with its exact body; field errors are keyed by field, other refusals
        carry `detail`. Answers under `/api` are `Cache-Control: no-store`. The full contract, with every limit and
        setting, is docs/api.md in the repository.
        """;

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = "Pilito API",
            Version = "v1",
            Description = Description,
            License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" }, // the repository's LICENSE
        };
        // Relative: the document describes the server it is fetched from, whatever address or proxy reached it.
        document.Servers = [new OpenApiServer { Url = "/", Description = "This Pilito server." }];
        document.Tags = new HashSet<OpenApiTag>(ApiTags.Descriptions.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        BearerSchemes.AddTo(document);
        ErrorSchemas.AddTo(document);
        return Task.CompletedTask;
    }
}
