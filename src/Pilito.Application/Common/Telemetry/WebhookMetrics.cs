using System.Diagnostics.Metrics;

namespace Pilito.Application.Common.Telemetry;

/// <summary>Webhook attempts by event type and outcome, exported as pilito_webhook_attempts_total.</summary>
public sealed class WebhookMetrics
{
    private readonly Counter<long> _attempts;

    public WebhookMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _attempts = meters.Create(OtpMetrics.MeterName).CreateCounter<long>(
            "pilito.webhook.attempts", description: "Webhook attempts by event type and outcome: delivered, failed (tried again later), given_up");
    }

    public void Attempted(string eventType, string outcome) =>
        _attempts.Add(1, new KeyValuePair<string, object?>("event", eventType), new KeyValuePair<string, object?>("outcome", outcome));
}
