namespace Pilito.Web.Api.OpenApi;

/// <summary>
/// What an endpoint answers, declared next to its mapping. A new endpoint reuses these groups: an OTP-sending endpoint
/// adds <see cref="ProducesOtpSendErrors{TBuilder}"/>, a JSON body <see cref="AcceptsJson{TBody}"/>, and so on. The
/// bearer answers (401) and the security requirement need nothing: they follow the endpoint's authorization.
/// </summary>
public static class AnswerConventions
{
    public static TBuilder Answers<TBuilder>(this TBuilder builder, params DocumentedAnswer[] answers)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(answers);
        builder.Add(endpoint =>
        {
            foreach (var answer in answers)
                endpoint.Metadata.Add(answer);
        });
        return builder;
    }

    /// <summary>A JSON body read by <see cref="JsonRequestBody"/>: its schema, samples, and its 400/413/415 refusals.</summary>
    public static RouteHandlerBuilder AcceptsJson<TBody>(this RouteHandlerBuilder builder, params DocumentedRequest[] examples)
        where TBody : notnull
    {
        ArgumentNullException.ThrowIfNull(examples);
        builder.Accepts<TBody>("application/json").Answers(ApiAnswers.JsonBody);
        builder.Add(endpoint =>
        {
            foreach (var example in examples)
                endpoint.Metadata.Add(example);
        });
        return builder;
    }

    /// <summary>Reads the database only: 503 when it cannot be reached.</summary>
    public static TBuilder ProducesDatabaseErrors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Answers(ApiAnswers.DatabaseUnavailable);

    /// <summary>Writes through the write queue: 503 when it cannot be reached, or too busy (with Retry-After).</summary>
    public static TBuilder ProducesWriteErrors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Answers(ApiAnswers.DatabaseUnavailable, ApiAnswers.Busy);

    /// <summary>Sends a code (SMS or call): the phone's and the address's limits, the challenge, the provider's failures.</summary>
    public static TBuilder ProducesOtpSendErrors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Answers(ApiAnswers.OtpSend).ProducesWriteErrors();

    /// <summary>Checks a code (a sign-in's or a phone change's): wrong, locked, the phone's and the address's caps, a locked account.</summary>
    public static TBuilder ProducesCodeCheckErrors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Answers(ApiAnswers.CodeCheck).ProducesWriteErrors();
}
