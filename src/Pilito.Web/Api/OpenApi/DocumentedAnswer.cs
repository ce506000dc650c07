namespace Pilito.Web.Api.OpenApi;

/// <summary>
/// One answer an operation can give, kept as endpoint metadata: <see cref="AnswersOperationTransformer"/> turns each
/// into a documented response with its body as a named example.
/// </summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Name">The example's key: short, snake_case, unique within the status.</param>
/// <param name="Summary">When the server gives this answer.</param>
/// <param name="Body">The JSON body exactly as sent; null for none (204).</param>
/// <param name="RetryAfter">True when the answer carries a Retry-After header.</param>
/// <param name="ContentType">The body's media type.</param>
/// <param name="SetCookie">What the answer's Set-Cookie header does, when it has one.</param>
public sealed record DocumentedAnswer(int Status, string Name, string Summary, object? Body, bool RetryAfter = false,
    string ContentType = "application/json", string? SetCookie = null)
{
    /// <summary>
    /// A refusal as <see cref="ApiExceptionHandler"/> answers <paramref name="refusal"/>: status, body and Retry-After come
    /// from the handler itself, so the document cannot say other than the server does.
    /// </summary>
    public static DocumentedAnswer Refusal(string name, string summary, Exception refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var answer = ApiExceptionHandler.Answer(refusal)
            ?? throw new ArgumentException($"{refusal.GetType().Name} is not a refusal the API answers.", nameof(refusal));
        return new(answer.Status, name, summary, answer.Body, answer.RetryAfter is not null);
    }

    /// <summary>A success answer (its schema comes from the endpoint's typed result; this adds the example).</summary>
    public static DocumentedAnswer Success(string name, string summary, object? body, int status = StatusCodes.Status200OK,
        string? setCookie = null) => new(status, name, summary, body, SetCookie: setCookie);
}
