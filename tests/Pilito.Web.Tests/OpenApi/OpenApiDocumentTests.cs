using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.OpenApi;

/// <summary>
/// /openapi/v1.json is complete: every mapped API endpoint is in it, with its success and its refusals, each with a
/// schema and an example; a token where the endpoint requires one and nowhere else; Retry-After on every 429.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private PilitoApp _app = null!;
    private HttpClient _client = null!;
    private OpenApiDocument _document = null!;

    [OneTimeSetUp]
    public async Task ReadDocumentAsync()
    {
        _app = new PilitoApp(null);
        _client = _app.CreateClient();
        _document = await OpenApiDocument.ReadAsync(_app, _client);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public void Every_mapped_API_endpoint_is_documented_and_nothing_else()
    {
        var documented = _document.Operations.Select(o => $"{o.Method} {o.Path}");
        var mapped = _document.Mapped.Select(e => e.ToString());

        Assert.That(mapped, Is.Not.Empty);
        Assert.That(documented, Is.EquivalentTo(mapped));
        Assert.That(mapped, Does.Contain("POST /api/v1/usr/otp").And.Contain("GET /.well-known/jwks.json"));
    }

    [Test]
    public void Every_operation_has_a_success_answer_with_its_schema_and_example()
    {
        Assert.Multiple(() =>
        {
            foreach (var operation in _document.Operations)
            {
                var success = operation.Statuses.Where(s => s.StartsWith('2')).ToList();
                Assert.That(success, Has.Count.EqualTo(1), $"{operation}: one success status");
                if (success.Count != 1 || success[0] == "204")
                    continue;
                var json = operation.Responses[success[0]]!["content"]?["application/json"];
                Assert.That(json?["schema"], Is.Not.Null, $"{operation}: success schema");
                Assert.That(json?["examples"]?.AsObject(), Is.Not.Null.And.Not.Empty, $"{operation}: success example");
            }
        });
    }

    [Test]
    public void Every_refusal_has_a_description_a_schema_and_an_example()
    {
        var refusals = _document.Operations.SelectMany(o => o.Statuses.Where(s => s[0] is '4' or '5').Select(s => (o, s))).ToList();

        Assert.That(refusals, Has.Count.GreaterThan(20));
        Assert.Multiple(() =>
        {
            foreach (var (operation, status) in refusals)
            {
                var response = operation.Responses[status]!;
                var json = Operation.Media(response);
                Assert.That(response["description"]?.GetValue<string>(), Is.Not.Empty, $"{operation} {status}: description");
                Assert.That(json?["schema"], Is.Not.Null, $"{operation} {status}: schema");
                Assert.That(json?["examples"]?.AsObject(), Is.Not.Null.And.Not.Empty, $"{operation} {status}: examples");
            }
        });
    }

    [Test]
    public void Every_API_operation_answers_its_client_errors_and_503()
    {
        Assert.Multiple(() =>
        {
            foreach (var operation in _document.Operations.Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)))
            {
                Assert.That(operation.Statuses.Any(s => s[0] == '4'), $"{operation}: a 4xx");
                Assert.That(operation.Statuses, Does.Contain("503"), $"{operation}: 503 when the database is unavailable");
            }
        });
    }

    [Test]
    public void Operations_with_a_JSON_body_document_its_field_errors_and_its_size_and_type_refusals()
    {
        var withBody = _document.Operations.Where(o => o.Node["requestBody"] is not null).ToList();

        Assert.That(withBody.Select(o => o.Path), Does.Contain("/api/v1/usr/otp").And.Contain("/api/v1/usr/logout"));
        Assert.Multiple(() =>
        {
            foreach (var operation in withBody)
            {
                Assert.That(operation.Statuses, Is.SupersetOf(new[] { "400", "413", "415" }), operation.ToString());
                Assert.That(operation.Node["requestBody"]!["content"]?["application/json"]?["schema"], Is.Not.Null, $"{operation}: body schema");
                var examples = Operation.Media(operation.Response(400))?["examples"]?.AsObject() ?? [];
                Assert.That(examples.Any(e => e.Value!["value"]!["detail"] is null), $"{operation}: a field error example");
                Assert.That(examples.Any(e => e.Value!["value"]!["detail"] is not null), $"{operation}: a body error example");
            }
        });
    }

    [Test]
    public void Operations_that_require_a_token_say_so_and_the_others_require_none()
    {
        var secured = _document.Mapped.Where(e => e.RequiresToken).Select(e => e.ToString()).ToList();

        Assert.That(secured, Is.SupersetOf(new[] { "POST /api/v1/usr/logout/all", "GET /api/v1/usr/me" }));
        Assert.That(secured, Does.Not.Contain("POST /api/v1/usr/otp").And.Not.Contain("POST /api/v1/usr/token/refresh"));
        Assert.Multiple(() =>
        {
            foreach (var operation in _document.Operations)
            {
                var schemes = operation.Node["security"]!.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key)).ToList();
                if (secured.Contains(operation.ToString()))
                {
                    Assert.That(schemes, Does.Contain("Bearer"), operation.ToString());
                    Assert.That(operation.Statuses, Does.Contain("401"), operation.ToString());
                    Assert.That(operation.Example(401, "no_credentials")["detail"]!.GetValue<string>(),
                        Is.EqualTo("Authentication credentials were not provided."));
                }
                else
                {
                    Assert.That(schemes, Is.Empty, $"{operation} is public");
                }
            }
        });
    }

    [Test]
    public void The_cookie_is_offered_for_GET_only()
    {
        Assert.That(Schemes(_document.Operation("GET", "/api/v1/usr/me")), Is.EqualTo(new[] { "Bearer", "AccessCookie" }));
        Assert.That(Schemes(_document.Operation("POST", "/api/v1/usr/logout/all")), Is.EqualTo(new[] { "Bearer" }));
        var schemes = _document.Root["components"]!["securitySchemes"]!;
        Assert.That(schemes["Bearer"]!["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"));
        Assert.That(schemes["Bearer"]!["bearerFormat"]!.GetValue<string>(), Is.EqualTo("JWT"));
        Assert.That(schemes["AccessCookie"]!["name"]!.GetValue<string>(), Is.EqualTo("HTTP_ACCESS"));
    }

    [Test]
    public void Every_429_and_every_answer_sent_with_Retry_After_documents_the_header()
    {
        var tooMany = _document.Operations.Where(o => o.Response(429) is not null).ToList();

        Assert.That(tooMany.Select(o => o.Path), Is.SupersetOf(new[] { "/api/v1/usr/otp", "/api/v1/usr/otp/verify", "/api/v1/usr/token/refresh" }));
        Assert.Multiple(() =>
        {
            foreach (var operation in tooMany)
                Assert.That(operation.Response(429)!["headers"]?["Retry-After"]?["schema"]?["type"]?.GetValue<string>(), Is.EqualTo("integer"), operation.ToString());
            var busy = _document.Operation("POST", "/api/v1/usr/otp").Response(503)!;
            Assert.That(busy["headers"]?["Retry-After"]?["description"]?.GetValue<string>(), Does.Contain("busy").And.Contain("sending_paused"));
            Assert.That(busy["headers"]?["Retry-After"]?["required"]?.GetValue<bool>() ?? false, Is.False, "not sent when SMS is not configured");
        });
    }

    [Test]
    public void Document_names_its_license_server_and_tags_with_descriptions()
    {
        var info = _document.Root["info"]!;
        var tags = _document.Root["tags"]!.AsArray();
        var used = _document.Operations.SelectMany(o => o.Node["tags"]!.AsArray().Select(t => t!.GetValue<string>())).Distinct();

        Assert.That(info["license"]!["identifier"]!.GetValue<string>(), Is.EqualTo("MIT"));
        Assert.That(info["title"]!.GetValue<string>(), Is.EqualTo("Pilito API"));
        Assert.That(_document.Root["servers"]![0]!["url"]!.GetValue<string>(), Is.EqualTo("/"));
        Assert.That(tags.Select(t => t!["name"]!.GetValue<string>()), Is.EquivalentTo(used));
        Assert.That(tags.Select(t => t!["description"]?.GetValue<string>()), Has.All.Not.Empty);
    }

    [Test]
    public void A_status_with_two_body_shapes_offers_exactly_those_two()
    {
        var schema = Operation.Media(_document.Operation("POST", "/api/v1/usr/otp").Response(429))!["schema"]!;

        Assert.That(schema["oneOf"]!.AsArray().Select(s => s!["$ref"]!.GetValue<string>()),
            Is.EquivalentTo(new[] { "#/components/schemas/FieldErrors", "#/components/schemas/ErrorDetail" }));
    }

    [TestCase("POST", "/api/v1/usr/otp/verify", 200)]
    [TestCase("POST", "/api/v1/usr/token/refresh", 200)]
    [TestCase("POST", "/api/v1/usr/logout", 204)]
    [TestCase("POST", "/api/v1/usr/logout/all", 204)]
    public void Answers_that_set_or_delete_the_access_cookie_say_so(string method, string path, int status)
    {
        var header = _document.Operation(method, path).Response(status)!["headers"]?["Set-Cookie"];

        Assert.That(header?["description"]?.GetValue<string>(), Does.StartWith("HTTP_ACCESS="));
    }

    [Test]
    public void Every_JSON_request_body_has_a_sample()
    {
        Assert.Multiple(() =>
        {
            foreach (var operation in _document.Operations.Where(o => o.Node["requestBody"] is not null))
            {
                var examples = operation.Node["requestBody"]!["content"]!["application/json"]!["examples"]?.AsObject();
                Assert.That(examples, Is.Not.Null.And.Not.Empty, operation.ToString());
            }
        });
    }

    private static string[] Schemes(Operation operation) =>
        [.. operation.Node["security"]!.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key))];
}
