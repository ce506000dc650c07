using Microsoft.OpenApi;

namespace Pilito.Web.Api.OpenApi;

/// <summary>
/// The error bodies' schemas, written out: the handler sends dictionaries, which the generator could only call
/// "an object". Closed (no other members) so that a response with two shapes can say "one of" them exactly.
/// </summary>
public static class ErrorSchemas
{
    public const string Detail = "ErrorDetail";
    public const string CodedDetail = "CodedErrorDetail";
    public const string FieldErrors = "FieldErrors";
    public const string ChallengeRequired = "ChallengeRequired";
    public const string Problem = "FrameworkProblem";

    /// <summary>Adds the five schemas to the document's components (once).</summary>
    public static void AddTo(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        var schemas = document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        schemas.TryAdd(Detail, Closed("A refusal that is no one field's fault.", ("detail", Text("What went wrong; fixed texts clients may match on."))));
        schemas.TryAdd(CodedDetail, Closed("A token refusal with a machine-readable code (simplejwt's shape).",
            ("detail", Text("What went wrong.")), ("code", Text("token_not_valid or user_not_found."))));
        schemas.TryAdd(FieldErrors, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Refusals keyed by the request's field (snake_case), each a list of fixed texts (Django REST framework's shape).",
            MinProperties = 1,
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, MinItems = 1, Items = Text("One refusal of the field.") },
        });
        schemas.TryAdd(Problem, Closed("A refusal made by the framework before the endpoint ran (RFC 9457), with the contract's detail.",
            ("type", Text("A URI naming the status.")),
            ("title", Text("The status's name.")),
            ("status", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." }),
            ("detail", Text("The contract's text, as for every refusal.")),
            ("trace_id", Text("The request's W3C trace id, for the logs."))));
        schemas.TryAdd(ChallengeRequired, Closed("Solve this ALTCHA challenge and send the request again with \"altcha\" (docs/api.md).",
            ("detail", Text("Please solve the challenge and send the request again.")),
            ("challenge", Closed("ALTCHA's challenge, as its widget reads it.",
                ("algorithm", Text("Always SHA-256.")),
                ("challenge", Text("SHA-256(salt + number), hex.")),
                ("maxnumber", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The largest number to try." }),
                ("salt", Text("Random hex, then ?expires=<unix seconds>&.")),
                ("signature", Text("HMAC of the challenge, hex."))))));
    }

    /// <summary>A reference to one of the schemas above.</summary>
    public static IOpenApiSchema Reference(string name, OpenApiDocument document) => new OpenApiSchemaReference(name, document);

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    private static OpenApiSchema Closed(string description, params (string Name, IOpenApiSchema Schema)[] members) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        Properties = members.ToDictionary(m => m.Name, m => m.Schema),
        Required = members.Select(m => m.Name).ToHashSet(),
        AdditionalPropertiesAllowed = false,
    };
}
