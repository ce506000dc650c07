using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Telemetry;
using Pilito.Domain.Webhooks;

namespace Pilito.Application.Webhooks.DeliverWebhooks;

/// <summary>
/// Takes the messages due (each held for this run alone, across instances), sends each once, and stores the outcome:
/// delivered, or the next attempt by <see cref="WebhookRetrySchedule"/>. A message whose endpoint is no longer configured
/// fails with that reason: there is no secret to sign it with.
/// </summary>
public sealed class DeliverWebhooksHandler(
    IWebhookOutbox outbox,
    IWebhookTransport transport,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    WebhookMetrics metrics,
    ILogger<DeliverWebhooksHandler> logger) : ICommandHandler<DeliverWebhooksCommand, DeliverWebhooksResult>
{
    /// <summary>Messages taken per round; the rest wait for the next one.</summary>
    public const int RoundSize = 50;

    /// <summary>Attempts in flight at once in one round: a slow endpoint holds up only its own.</summary>
    private const int Parallelism = 8;

    public async ValueTask<DeliverWebhooksResult> Handle(DeliverWebhooksCommand command, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var claimId = Guid.NewGuid();
        var now = clock.GetUtcNow();
        // Held well past the attempt's own timeout: a hold that ran out mid-attempt would let another run send it too.
        var holdUntil = now + (settings.Timeout * RoundSize / Parallelism) + settings.Timeout + TimeSpan.FromMinutes(1);
        var due = await outbox.ClaimDueAsync(claimId, now, holdUntil, RoundSize, cancellationToken);
        if (due.Count == 0)
            return new DeliverWebhooksResult(0, 0);

        // The attempts run side by side; their outcomes are stored one by one afterwards (the outbox is one unit of work).
        var attempts = new WebhookAttempt[due.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, due.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) => attempts[i] = await SendAsync(due[i], ct));

        var delivered = 0;
        for (var i = 0; i < due.Count; i++)
        {
            if (await RecordAsync(due[i], attempts[i], claimId))
                delivered++;
        }

        return new DeliverWebhooksResult(delivered, due.Count - delivered);
    }

    private async Task<WebhookAttempt> SendAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        var endpoint = options.Value.Endpoints.FirstOrDefault(e => e.Url == message.EndpointUrl);
        return endpoint is null
            ? new WebhookAttempt(null, "The endpoint is no longer in Webhooks:Endpoints.")
            : await transport.SendAsync(message, endpoint, clock.GetUtcNow(), cancellationToken);
    }

    private async Task<bool> RecordAsync(WebhookMessage message, WebhookAttempt attempt, Guid claimId)
    {
        var at = clock.GetUtcNow();
        if (attempt.Delivered)
            message.RecordDelivered(attempt.Status!.Value, at);
        else
            message.RecordFailure(attempt.Status, attempt.Error ?? $"HTTP {attempt.Status}", at);

        if (!await outbox.SaveAttemptAsync(message, claimId, CancellationToken.None)) // an attempt made is recorded, whatever stops
        {
            logger.LogWarning("Webhook {MessageId} to {Endpoint}: the hold ran out before its outcome was stored", message.MessageId, message.EndpointUrl);
            return attempt.Delivered;
        }

        metrics.Attempted(message.EventType, attempt.Delivered ? "delivered" : message.Status == WebhookStatus.Failed ? "given_up" : "failed");
        if (attempt.Delivered)
            logger.LogInformation("Webhook {EventType} {MessageId} delivered to {Endpoint} ({Status})", message.EventType, message.MessageId, message.EndpointUrl, attempt.Status);
        else if (message.Status == WebhookStatus.Failed)
            logger.LogError("Webhook {EventType} {MessageId} to {Endpoint} given up after {Attempts} attempts: {Error}", message.EventType, message.MessageId, message.EndpointUrl, message.Attempts, message.LastError);
        else
            logger.LogWarning("Webhook {EventType} {MessageId} to {Endpoint} failed ({Error}); next attempt at {NextAttemptAt:O}", message.EventType, message.MessageId, message.EndpointUrl, message.LastError, message.NextAttemptAt);
        return attempt.Delivered;
    }
}
