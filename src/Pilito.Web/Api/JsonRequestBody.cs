using System.Buffers;
using System.Globalization;
using System.Text.Json;
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
    private readonly JsonElement _root;
    private readonly List<ValidationFailure> _failures = [];

    private JsonRequestBody(JsonElement root) => _root = root;

    public static async Task<JsonRequestBody> ReadAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType,
                $"Unsupported media type \"{request.ContentType ?? string.Empty}\" in request.");
        if (request.ContentLength > MaxBytes)
            throw TooLarge();

        var bytes = await ReadCappedAsync(request.Body, request.HttpContext.RequestAborted);
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = MaxDepth });
            var root = document.RootElement.Clone();
            if (root.ValueKind != JsonValueKind.Object)
                throw new ApiProblemException(StatusCodes.Status400BadRequest, $"Invalid data. Expected a dictionary, but got {PythonTypeName(root)}.");
            return new JsonRequestBody(root);
        }
        catch (JsonException e)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, string.Create(CultureInfo.InvariantCulture,
                $"JSON parse error - invalid JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}."));
        }
    }

    /// <summary>A string field; null when missing or null (the validator says "required").</summary>
    public string? OptionalString(string name)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.String)
            return value.GetString();
        _failures.Add(new ValidationFailure(name, ValidationMessages.NotAString));
        return null;
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

    private static ApiProblemException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, $"Request body too large: at most {MaxBytes} bytes.");

    private static string PythonTypeName(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "list",
        JsonValueKind.String => "str",
        JsonValueKind.Number => element.TryGetInt64(out _) ? "int" : "float",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "NoneType",
    };
}
