using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Pilito.Web.Api.OpenApi;

/// <summary>
/// Writes each operation's answers from its <see cref="DocumentedAnswer"/> metadata: one response per status, every
/// answer a named example, Retry-After where sent; and its security from its authorization, so that neither can be
/// forgotten on an endpoint that requires a token.
/// </summary>
public sealed class AnswersOperationTransformer(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions) : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var document = context.Document ?? throw new InvalidOperationException("The operation transformer needs the document.");
        ErrorSchemas.AddTo(document);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var answers = metadata.OfType<DocumentedAnswer>().ToList();
        var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        operation.Security = secured ? BearerSchemes.Requirements(document, context.Description.HttpMethod) : [];
        if (secured)
            answers.InsertRange(0, [ApiAnswers.NoCredentials, ApiAnswers.InvalidToken]);

        AddRequestExamples(operation, [.. metadata.OfType<DocumentedRequest>()]);
        var responses = operation.Responses ?? new OpenApiResponses();
        foreach (var status in answers.GroupBy(a => a.Status))
        {
            var key = status.Key.ToString(CultureInfo.InvariantCulture);
            responses[key] = status.Key < 400
                ? Success(responses.GetValueOrDefault(key), [.. status])
                : Refusal(document, [.. status]);
        }

        // In status order, as a reader looks them up.
        operation.Responses = new OpenApiResponses();
        foreach (var (key, response) in responses.OrderBy(r => r.Key, StringComparer.Ordinal))
            operation.Responses[key] = response;
        return Task.CompletedTask;
    }

    private void AddRequestExamples(OpenApiOperation operation, DocumentedRequest[] requests)
    {
        if (requests.Length == 0)
            return;
        if (operation.RequestBody?.Content is not { } content || !content.TryGetValue("application/json", out var json))
            throw new InvalidOperationException($"{operation.OperationId}: request examples but no JSON request body.");
        json.Examples = requests.ToDictionary(r => r.Name, IOpenApiExample (r) => new OpenApiExample
        {
            Summary = r.Summary,
            Value = JsonSerializer.SerializeToNode(r.Body, jsonOptions.Value.SerializerOptions),
        });
    }

    /// <summary>The generator's response (its schema from the typed result), with the answers as examples.</summary>
    private OpenApiResponse Success(IOpenApiResponse? generated, DocumentedAnswer[] answers)
    {
        var response = generated as OpenApiResponse ?? new OpenApiResponse();
        response.Description = Describe(answers);
        if (answers.FirstOrDefault(a => a.SetCookie is not null) is { SetCookie: { } cookie })
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Set-Cookie"] = new OpenApiHeader { Description = cookie, Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }

        if (answers.All(a => a.Body is null))
            return response;
        var content = (response.Content is { } media && media.TryGetValue("application/json", out var found) ? found : null)
            ?? throw new InvalidOperationException($"{answers[0].Name}: the endpoint declares no JSON body for {answers[0].Status}.");
        content.Examples = Examples(answers);
        return response;
    }

    private OpenApiResponse Refusal(OpenApiDocument document, DocumentedAnswer[] answers)
    {
        var response = new OpenApiResponse
        {
            Description = Describe(answers),
            Content = answers.GroupBy(a => a.ContentType).ToDictionary(type => type.Key, type =>
            {
                var shapes = type.Select(a => ShapeOf(a.Body)).Distinct().Select(s => ErrorSchemas.Reference(s, document)).ToList();
                return new OpenApiMediaType
                {
                    Schema = shapes.Count == 1 ? shapes[0] : new OpenApiSchema { OneOf = shapes },
                    Examples = Examples([.. type]),
                };
            }),
        };
        if (answers.Any(a => a.RetryAfter))
        {
            var always = answers.All(a => a.RetryAfter);
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = always
                        ? "Seconds to wait before trying again."
                        : "Seconds to wait before trying again; sent with " + string.Join(", ", answers.Where(a => a.RetryAfter).Select(a => a.Name)) + ".",
                    Required = always,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                },
            };
        }

        return response;
    }

    private Dictionary<string, IOpenApiExample> Examples(DocumentedAnswer[] answers) => answers
        .Where(a => a.Body is not null)
        .ToDictionary(a => a.Name, IOpenApiExample (a) => new OpenApiExample
        {
            Summary = a.Summary,
            Value = JsonSerializer.SerializeToNode(a.Body, a.Body!.GetType(), jsonOptions.Value.SerializerOptions),
        });

    private static string Describe(DocumentedAnswer[] answers) => answers.Length == 1
        ? answers[0].Summary
        : string.Join('\n', answers.Select(a => $"- {a.Summary} (`{a.Name}`)"));

    /// <summary>Which schema a refusal's body is: the handler's dictionaries, or the challenge.</summary>
    private static string ShapeOf(object? body) => body switch
    {
        Dictionary<string, string[]> => ErrorSchemas.FieldErrors,
        Dictionary<string, string> d when d.ContainsKey("code") => ErrorSchemas.CodedDetail,
        Dictionary<string, string> => ErrorSchemas.Detail,
        ChallengeRequiredResponse => ErrorSchemas.ChallengeRequired,
        FrameworkProblem => ErrorSchemas.Problem,
        _ => throw new InvalidOperationException($"No schema for a refusal body of type {body?.GetType().Name ?? "null"}."),
    };
}
