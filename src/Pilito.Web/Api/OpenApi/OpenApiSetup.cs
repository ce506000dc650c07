namespace Pilito.Web.Api.OpenApi;

public static class OpenApiSetup
{
    /// <summary>/openapi/v1.json: the generator's document, completed with every answer (docs/api.md, "OpenAPI").</summary>
    public static IServiceCollection AddPilitoOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer<PilitoDocumentTransformer>();
        options.AddOperationTransformer<AnswersOperationTransformer>();
        options.AddSchemaTransformer<WireSchemaTransformer>();
    });
}
