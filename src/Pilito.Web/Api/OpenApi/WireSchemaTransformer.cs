using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Pilito.Web.Api.OpenApi;

/// <summary>
/// Makes the generated body schemas say what goes over the wire. The generator reads the web JSON defaults (numbers
/// also readable from strings) and marks every constructor parameter required, while the API writes numbers as
/// numbers, reads bodies itself (<see cref="JsonRequestBody"/>: a missing or null optional field is the same), and
/// leaves out a null <c>code</c> rather than write it.
/// </summary>
public sealed class WireSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (schema.Properties is null || context.JsonPropertyInfo is not null)
            return Task.CompletedTask;
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (!schema.Properties.TryGetValue(property.Name, out var member) || member is not OpenApiSchema value)
                continue;
            if (value.Type == (JsonSchemaType.Integer | JsonSchemaType.String) && value.Pattern is not null)
            {
                value.Type = JsonSchemaType.Integer;
                value.Pattern = null;
            }

            if (OmittedWhenNull(property))
                value.Type &= ~JsonSchemaType.Null; // never null: absent instead
            else if (value.Type?.HasFlag(JsonSchemaType.Null) != true)
                continue;
            schema.Required?.Remove(property.Name); // a nullable member is optional (every response member is non-null)
        }

        return Task.CompletedTask;
    }

    private static bool OmittedWhenNull(System.Text.Json.Serialization.Metadata.JsonPropertyInfo property) =>
        property.AttributeProvider is MemberInfo member
        && member.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.WhenWritingNull };
}
