using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Pilito.Application.Common;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Ports;
using Pilito.Infrastructure.Persistence;

namespace Pilito.Web.Api;

/// <summary>
/// Turns every expected refusal into the Django service's answer, word for word. Anything else is left to
/// the framework (logged, 500): no client input may get there.
/// </summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        object? body = exception switch
        {
            ValidationException e => FieldErrors(e),
            ApiProblemException e => Detail(e.Detail),
            BadHttpRequestException e => Detail(e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large." : "Bad request."),
            OtpRateLimitedException e => Field("phone_number", $"Too many OTP requests. Please try again in {Minutes(e.Window)}."),
            SmsNotConfiguredException => Detail("SMS service is not configured. Please contact support."),
            AddressRateLimitedException e => Detail(e.Message),
            SmsBudgetExhaustedException e => Detail(e.Message),
            SmsDeliveryFailedException e => Detail(e.Message),
            InvalidOtpException => Field("code", ValidationMessages.InvalidOtp),
            OtpLockedException => Field("code", ValidationMessages.OtpLocked),
            VerifyCapReachedException e => Field("code", e.Message),
            InvalidRefreshTokenException e => new Dictionary<string, string> { ["detail"] = e.Message, ["code"] = "token_not_valid" },
            UnknownUserException => new Dictionary<string, string> { ["detail"] = "User not found", ["code"] = "user_not_found" },
            AccountLockedException e => Detail(e.Message),
            _ when DatabaseUnavailable(exception) => Detail("Service temporarily unavailable. Please try again later."),
            _ => null,
        };
        if (body is null)
            return false;

        response.StatusCode = exception switch
        {
            ApiProblemException e => e.StatusCode,
            BadHttpRequestException e => e.StatusCode,
            OtpRateLimitedException or OtpLockedException or AddressRateLimitedException or VerifyCapReachedException => StatusCodes.Status429TooManyRequests,
            SmsNotConfiguredException or SmsBudgetExhaustedException => StatusCodes.Status503ServiceUnavailable,
            SmsDeliveryFailedException { Failure: SmsFailureKind.Timeout } => StatusCodes.Status504GatewayTimeout,
            SmsDeliveryFailedException => StatusCodes.Status502BadGateway,
            InvalidRefreshTokenException or UnknownUserException => StatusCodes.Status401Unauthorized,
            AccountLockedException => StatusCodes.Status403Forbidden,
            _ when DatabaseUnavailable(exception) => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status400BadRequest,
        };
        if (RetryAfter(exception) is { } retryAfter)
            response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        if (exception is SmsNotConfiguredException or SmsDeliveryFailedException)
            logger.LogWarning("OTP not sent: {Reason}", exception.Message);
        if (DatabaseUnavailable(exception))
            logger.LogError(exception, "Database unavailable; answered 503");

        await response.WriteAsJsonAsync(body, body.GetType(), cancellationToken);
        return true;
    }

    private static bool DatabaseUnavailable(Exception exception) => DatabaseFaults.IsDatabaseFault(exception);

    private static TimeSpan? RetryAfter(Exception exception) => exception switch
    {
        OtpRateLimitedException e => e.RetryAfter,
        AddressRateLimitedException e => e.RetryAfter,
        SmsBudgetExhaustedException e => e.RetryAfter,
        VerifyCapReachedException e => e.RetryAfter,
        _ => null,
    };

    private static Dictionary<string, string[]> FieldErrors(ValidationException e) => e.Errors
        .GroupBy(f => JsonNamingPolicy.SnakeCaseLower.ConvertName(f.PropertyName))
        .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());

    private static Dictionary<string, string[]> Field(string name, string message) => new() { [name] = [message] };

    private static Dictionary<string, string> Detail(string detail) => new() { ["detail"] = detail };

    private static string Minutes(TimeSpan window)
    {
        var minutes = (int)Math.Ceiling(window.TotalMinutes);
        return minutes == 1 ? "1 minute" : string.Create(CultureInfo.InvariantCulture, $"{minutes} minutes");
    }
}
