using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Pilito.Application.Otp.RequestOtp;
using Pilito.Application.Otp.VerifyOtp;
using Pilito.Web.Api.OpenApi;

namespace Pilito.Web.Api;

public static class OtpEndpoints
{
    public static void MapOtpEndpoints(this IEndpointRouteBuilder app)
    {
        var otp = app.MapGroup("/api/v1/usr/otp").WithTags(ApiTags.Otp).AllowAnonymous();
        otp.MapPost("", RequestOtp).WithName(nameof(RequestOtp))
            .AcceptsJson<RequestOtpBody>(ApiRequests.RequestOtp)
            .WithSummary("Send a one-time code by SMS, or by a voice call, to an Iranian mobile number.")
            .Answers(ApiExamples.OtpSent).ProducesOtpSendErrors();
        otp.MapPost("/verify", VerifyOtp).WithName(nameof(VerifyOtp))
            .AcceptsJson<VerifyOtpBody>(ApiRequests.VerifyOtp)
            .WithSummary("Check the code; sign the phone's account in, creating it on first use.")
            .Answers(ApiExamples.SignedIn).Answers(ApiAnswers.SignIn).ProducesCodeCheckErrors();
    }

    private static async Task<Ok<RequestOtpResponse>> RequestOtp(HttpContext context, ISender sender)
    {
        var result = await sender.Send(await ReadCodeRequestAsync(context, phoneChangeOf: null), context.RequestAborted);
        return TypedResults.Ok(RequestOtpResponse.From(result));
    }

    /// <summary>
    /// A code request's body as <c>POST /otp</c> reads it (phone_number, altcha, channel, language), with the client's
    /// address and languages; <paramref name="phoneChangeOf"/> makes it a code that can only move that account.
    /// </summary>
    internal static async Task<RequestOtpCommand> ReadCodeRequestAsync(HttpContext context, Guid? phoneChangeOf)
    {
        var body = await JsonRequestBody.ReadAsync(context.Request);
        var phone = body.OptionalString("phone_number");
        var altcha = body.OptionalString("altcha");
        var channel = body.OptionalString("channel");
        var language = body.OptionalString("language");
        body.ThrowIfInvalid();
        var ip = context.Connection.RemoteIpAddress?.ToString();
        return new RequestOtpCommand(phone, ip, altcha, channel, language, AcceptedLanguages(context.Request), phoneChangeOf);
    }

    /// <summary>Accept-Language's tags, most preferred first (q=0 means "not this one"); none when it cannot be parsed.</summary>
    internal static string[] AcceptedLanguages(HttpRequest request)
    {
        IList<StringWithQualityHeaderValue> values;
        try
        {
            values = request.GetTypedHeaders().AcceptLanguage;
        }
        catch (FormatException)
        {
            return [];
        }

        return [.. values
            .Where(v => v.Value.HasValue && (v.Quality ?? 1) > 0)
            .OrderByDescending(v => v.Quality ?? 1) // stable: equal weights keep the header's order
            .Select(v => v.Value.Value!)
            .Take(10)];
    }

    private static async Task<Ok<SignInResponse>> VerifyOtp(HttpContext context, ISender sender, TimeProvider clock, IHostEnvironment environment)
    {
        var body = await JsonRequestBody.ReadAsync(context.Request);
        var phone = body.OptionalString("phone_number");
        var code = body.OptionalString("code");
        var verificationId = body.OptionalString("verification_id");
        var createUser = body.OptionalBool("create_user");
        body.ThrowIfInvalid();
        var ip = context.Connection.RemoteIpAddress?.ToString();
        var result = await sender.Send(new VerifyOtpCommand(phone, code, verificationId, ip, createUser), context.RequestAborted);
        var session = result.Session;
        AccessTokenCookie.Append(context, session, environment);
        var pair = TokenPairResponse.From(session, clock.GetUtcNow());
        return TypedResults.Ok(new SignInResponse(
            pair.AccessToken, pair.RefreshToken, pair.TokenType, pair.ExpiresIn, result.IsNewUser, UserResponse.From(session.User)));
    }
}
