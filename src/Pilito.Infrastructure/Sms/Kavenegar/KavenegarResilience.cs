using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Pilito.Infrastructure.Sms.Kavenegar;

internal static class KavenegarResilience
{
    /// <summary>
    /// Calls that may send an SMS are retried only when nothing can have been sent (no connection was made, or
    /// Kavenegar said 409 "busy, try later"); never after a timeout or a 5xx, which may have sent one. Read-only
    /// calls are retried on any transient fault. A circuit breaker makes a dead provider fail fast; the timeout
    /// bounds every attempt.
    /// </summary>
    public static IHttpClientBuilder AddKavenegarResilience(this IHttpClientBuilder builder, bool sends)
    {
        builder.AddResilienceHandler(sends ? "send" : "read", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<KavenegarOptions>>().Value;
            pipeline
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    Delay = TimeSpan.FromMilliseconds(200),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = args => ValueTask.FromResult(sends ? NothingWasSent(args.Outcome) : Transient(args.Outcome)),
                })
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 20,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(15),
                    ShouldHandle = args => ValueTask.FromResult(ProviderFailed(args.Outcome)),
                })
                .AddTimeout(options.Timeout);
        });
        return builder;
    }

    private static bool NothingWasSent(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }
        || outcome.Result is { StatusCode: HttpStatusCode.Conflict }; // Kavenegar's 409: server busy, nothing sent

    private static bool Transient(Outcome<HttpResponseMessage> outcome) =>
        ProviderFailed(outcome) || outcome.Result is { StatusCode: HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests };

    private static bool ProviderFailed(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result is { StatusCode: >= HttpStatusCode.InternalServerError };
}
