namespace Pilito.Web.Api.OpenApi;

/// <summary>
/// A refusal the framework makes before the endpoint runs (415: routing checks the Content-Type the endpoint accepts),
/// as UseStatusCodePages writes it: RFC 9457 members, application/problem+json, with the contract's detail text.
/// </summary>
public sealed record FrameworkProblem(string Type, string Title, int Status, string Detail, string TraceId)
{
    public const string ContentType = "application/problem+json";

    /// <summary>A sample W3C trace id: the real one names the request.</summary>
    public const string SampleTraceId = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";

    public static FrameworkProblem UnsupportedMediaType(string contentType) => new(
        "https://tools.ietf.org/html/rfc9110#section-15.5.16", "Unsupported Media Type", StatusCodes.Status415UnsupportedMediaType,
        ProblemDetailTexts.UnsupportedMediaType(contentType), SampleTraceId);
}
