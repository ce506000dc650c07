using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using FluentValidation;
using FluentValidation.Results;
using Pilito.Application.Common;

namespace Pilito.Web.Api;

/// <summary>
/// Reads an API request body as one JSON object, with the Django service's answers for every way it can be
/// wrong: wrong media type (415), too large (413), not JSON (400 detail), not an object (400 detail), and
/// fields of the wrong JSON type (400 keyed by field).
/// </summary>
public sealed class JsonRequestBody
{
    public const int MaxBytes = 4 * 1024;
    private const int MaxDepth = 16;
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private readonly JsonElement _root;
    private readonly List<ValidationFailure> _failures = [];

    private JsonRequestBody(JsonElement root) => _root = root;

    public static async Task<JsonRequestBody> ReadAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
            throw UnsupportedMediaType(request.ContentType);
        if (request.ContentLength > MaxBytes)
            throw TooLarge();

        var bytes = await ReadCappedAsync(request.Body, request.HttpContext.RequestAborted);
        var json = bytes.AsMemory();
        if (json.Span.StartsWith(Utf8Bom))
            json = json[Utf8Bom.Length..];
        if (!Utf8.IsValid(json.Span))
            throw NotUtf8();
        try
        {
            // Duplicate keys are refused: two parsers reading {"a":1,"a":2} differently is how filters get bypassed.
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth, AllowDuplicateProperties = false });
            var root = document.RootElement.Clone();
            if (root.ValueKind != JsonValueKind.Object)
                throw NotAnObject(PythonTypeName(root));
            return new JsonRequestBody(root);
        }
        catch (JsonException e)
        {
            throw NotJson((e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1);
        }
    }

    /// <summary>A string field; null when missing or null (the validator says "required").</summary>
    public string? OptionalString(string name)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.String && TryGetText(value) is { } text)
            return text;
        _failures.Add(new ValidationFailure(name, ValidationMessages.NotAString));
        return null;
    }

    /// <summary>
    /// A boolean field; null when missing or null. Takes what Django REST framework's BooleanField takes: true/false,
    /// 1/0, and those words or digits as text; anything else is the field's "Must be a valid boolean." error.
    /// </summary>
    public bool? OptionalBool(string name)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        bool? parsed = value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetInt32(out var n) && n is 0 or 1 => n == 1,
            JsonValueKind.String => TryGetText(value)?.ToLowerInvariant() switch
            {
                "true" or "1" or "yes" or "on" => true,
                "false" or "0" or "no" or "off" => false,
                _ => null,
            },
            _ => null,
        };
        if (parsed is null)
            _failures.Add(new ValidationFailure(name, ValidationMessages.NotABoolean));
        return parsed;
    }

    // An escaped lone surrogate ("\ud800") is valid JSON but no valid text.
    private static string? TryGetText(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Throws the field errors found while reading, in the same 400 shape as validation errors.</summary>
    public void ThrowIfInvalid()
    {
        if (_failures.Count > 0)
            throw new ValidationException(_failures);
    }

    private static async Task<byte[]> ReadCappedAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
        try
        {
            var total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(total, MaxBytes + 1 - total), cancellationToken)) > 0)
            {
                total += read;
                if (total > MaxBytes)
                    throw TooLarge();
            }

            return buffer.AsSpan(0, total).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The refusals, internal so that the OpenAPI document's examples are made by the same code.
    internal static ApiProblemException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, $"Request body too large: at most {MaxBytes} bytes.");

    private static ApiProblemException UnsupportedMediaType(string? contentType) =>
        new(StatusCodes.Status415UnsupportedMediaType, ProblemDetailTexts.UnsupportedMediaType(contentType));

    internal static ApiProblemException NotUtf8() =>
        new(StatusCodes.Status400BadRequest, "JSON parse error - the body is not valid UTF-8.");

    internal static ApiProblemException NotAnObject(string pythonTypeName) =>
        new(StatusCodes.Status400BadRequest, $"Invalid data. Expected a dictionary, but got {pythonTypeName}.");

    internal static ApiProblemException NotJson(long line, long position) =>
        new(StatusCodes.Status400BadRequest, string.Create(CultureInfo.InvariantCulture,
            $"JSON parse error - invalid JSON at line {line}, byte {position}."));

    private static string PythonTypeName(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "list",
        JsonValueKind.String => "str",
        JsonValueKind.Number => element.TryGetInt64(out _) ? "int" : "float",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "NoneType",
    };
}
