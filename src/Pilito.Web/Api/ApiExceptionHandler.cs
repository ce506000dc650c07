using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Pilito.Application.Common;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Ports;
using Pilito.Infrastructure.Persistence;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Pilito.Web.Api;

/// <summary>
/// Turns every expected refusal into the Django service's answer, word for word. Anything else is left to
/// the framework (logged, 500): no client input may get there.
/// </summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The contract's text for "not now" (the database, or too much load): nothing was done, try again.</summary>
    private const string Unavailable = "Service temporarily unavailable. Please try again later.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (Answer(exception) is not { } error)
            return false;

        var response = httpContext.Response;
        response.StatusCode = error.Status;
        if (error.RetryAfter is { } retryAfter)
            response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        error.Log?.Invoke(logger, exception);
        await response.WriteAsJsonAsync(error.Body, error.Body.GetType(), cancellationToken);
        return true;
    }

    /// <summary>
    /// The contract's answer to each refusal, one row per exception; null for anything unexpected. Internal: the
    /// OpenAPI document builds its examples here, so they are what the server sends.
    /// </summary>
    internal static ApiError? Answer(Exception exception) => exception switch
    {
        ValidationException e => new(Status400BadRequest, FieldErrors(e)),
        ApiProblemException e => new(e.StatusCode, Detail(e.Detail)),
        BadHttpRequestException e => new(e.StatusCode, Detail(e.StatusCode == Status413PayloadTooLarge ? "Request body too large." : "Bad request.")),
        OtpRateLimitedException e => new(Status429TooManyRequests,
            Field("phone_number", $"Too many OTP requests. Please try again in {Minutes(e.Window)}."), e.RetryAfter),
        SmsNotConfiguredException => new(Status503ServiceUnavailable,
            Detail("SMS service is not configured. Please contact support."), Log: OtpNotSent),
        AddressRateLimitedException e => new(Status429TooManyRequests, Detail(e.Message), e.RetryAfter),
        SmsBudgetExhaustedException e => new(Status503ServiceUnavailable, Detail(e.Message), e.RetryAfter),
        ChallengeRequiredException e => new(Status428PreconditionRequired,
            new ChallengeRequiredResponse(e.Message, AltchaChallengeResponse.From(e.Challenge))),
        SmsDeliveryFailedException e => new(e.Failure == SmsFailureKind.Timeout ? Status504GatewayTimeout : Status502BadGateway,
            Detail(e.Message), Log: OtpNotSent),
        InvalidOtpException => new(Status400BadRequest, Field("code", ValidationMessages.InvalidOtp)),
        OtpLockedException => new(Status429TooManyRequests, Field("code", ValidationMessages.OtpLocked)),
        VerifyCapReachedException e => new(Status429TooManyRequests, Field("code", e.Message), e.RetryAfter),
        InvalidRefreshTokenException e => new(Status401Unauthorized, Coded(e.Message, "token_not_valid")),
        UnknownUserException => new(Status401Unauthorized, Coded("User not found", "user_not_found")),
        AccountLockedException e => new(Status403Forbidden, Detail(e.Message)),
        NoAccountException e => new(Status403Forbidden, Detail(e.Message)),
        SamePhoneNumberException e => new(Status400BadRequest, Detail(e.Message)),
        PhoneNumberTakenException e => new(Status409Conflict, Detail(e.Message)),
        ServiceBusyException e => new(Status503ServiceUnavailable, Detail(Unavailable), e.RetryAfter), // the writer has logged it
        _ when DatabaseFaults.IsDatabaseFault(exception) => new(Status503ServiceUnavailable,
            Detail(Unavailable), Log: DatabaseUnavailable),
        _ => null,
    };

    private static void OtpNotSent(ILogger logger, Exception exception) => logger.LogWarning("OTP not sent: {Reason}", exception.Message);

    private static void DatabaseUnavailable(ILogger logger, Exception exception) => logger.LogError(exception, "Database unavailable; answered 503");

    private static Dictionary<string, string[]> FieldErrors(ValidationException e) => e.Errors
        .GroupBy(f => JsonNamingPolicy.SnakeCaseLower.ConvertName(f.PropertyName))
        .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());

    private static Dictionary<string, string[]> Field(string name, string message) => new() { [name] = [message] };

    private static Dictionary<string, string> Detail(string detail) => new() { ["detail"] = detail };

    private static Dictionary<string, string> Coded(string detail, string code) => new() { ["detail"] = detail, ["code"] = code };

    /// <summary>"2 minutes" as the Django service wrote it; a wait of two hours or more in hours.</summary>
    private static string Minutes(TimeSpan wait)
    {
        var minutes = (int)Math.Ceiling(wait.TotalMinutes);
        if (minutes >= 120)
            return string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Ceiling(wait.TotalHours)} hours");
        return minutes == 1 ? "1 minute" : string.Create(CultureInfo.InvariantCulture, $"{minutes} minutes");
    }

    /// <summary>One refusal's answer: status, JSON body, Retry-After if any, and what to log besides.</summary>
    internal sealed record ApiError(int Status, object Body, TimeSpan? RetryAfter = null, Action<ILogger, Exception>? Log = null);
}
