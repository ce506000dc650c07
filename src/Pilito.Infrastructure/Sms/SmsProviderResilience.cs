using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace Pilito.Infrastructure.Sms;

internal static class SmsProviderResilience
{
    /// <summary>
    /// Calls that may send an SMS are retried only when nothing can have been sent (no connection was made, or the
    /// provider answered <paramref name="busy"/>, its "try later" that sends nothing); never after a timeout or a 5xx,
    /// which may have sent one. Read-only calls are retried on any transient fault. Each provider's clients have their
    /// own circuit breaker, which makes a dead provider fail fast (and so fail over at once); the timeout bounds every
    /// attempt.
    /// </summary>
    public static IHttpClientBuilder AddSmsProviderResilience(
        this IHttpClientBuilder builder, bool sends, HttpStatusCode busy, Func<IServiceProvider, TimeSpan> timeout)
    {
        builder.AddResilienceHandler(sends ? "send" : "read", (pipeline, context) =>
        {
            pipeline
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    Delay = TimeSpan.FromMilliseconds(200),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = args => ValueTask.FromResult(sends ? NothingWasSent(args.Outcome, busy) : Transient(args.Outcome, busy)),
                })
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 20,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(15),
                    ShouldHandle = args => ValueTask.FromResult(ProviderFailed(args.Outcome)),
                })
                .AddTimeout(timeout(context.ServiceProvider));
        });
        return builder;
    }

    private static bool NothingWasSent(Outcome<HttpResponseMessage> outcome, HttpStatusCode busy) =>
        outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }
        || outcome.Result?.StatusCode == busy;

    private static bool Transient(Outcome<HttpResponseMessage> outcome, HttpStatusCode busy) =>
        ProviderFailed(outcome) || outcome.Result is { StatusCode: var status } && (status == busy || status == HttpStatusCode.TooManyRequests);

    private static bool ProviderFailed(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result is { StatusCode: >= HttpStatusCode.InternalServerError };
}
