namespace Pilito.Web.Api;

/// <summary>Gives the framework's own refusals (415, 404, 405 …) the "detail" member every API error carries.</summary>
public static class ProblemDetailTexts
{
    public static void Apply(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType(context.HttpContext.Request.ContentType),
            StatusCodes.Status404NotFound => "Not found.",
            StatusCodes.Status405MethodNotAllowed => $"Method \"{context.HttpContext.Request.Method}\" not allowed.",
            StatusCodes.Status401Unauthorized => "Authentication credentials were not provided.",
            StatusCodes.Status403Forbidden => "You do not have permission to perform this action.",
            _ => problem.Title,
        };
    }

    /// <summary>DRF's 415 text; the OpenAPI document's example is made here too.</summary>
    public static string UnsupportedMediaType(string? contentType) => $"Unsupported media type \"{contentType ?? string.Empty}\" in request.";
}
