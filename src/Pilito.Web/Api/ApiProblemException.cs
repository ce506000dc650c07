namespace Pilito.Web.Api;

/// <summary>A request the API refuses before it reaches a handler (body shape, size, media type).</summary>
public sealed class ApiProblemException(int statusCode, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;
    public string Detail { get; } = detail;
}
