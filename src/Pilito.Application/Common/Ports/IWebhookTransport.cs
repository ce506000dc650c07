using Pilito.Application.Common.Options;
using Pilito.Domain.Webhooks;

namespace Pilito.Application.Common.Ports;

/// <summary>Sends one signed attempt of a message to its endpoint.</summary>
public interface IWebhookTransport
{
    /// <summary>Never throws for what the endpoint does (an error status, a timeout, no connection): that is the answer.</summary>
    Task<WebhookAttempt> SendAsync(WebhookMessage message, WebhookEndpointOptions endpoint, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>What an endpoint answered: its status (null with no answer) and, unless 2xx, what went wrong.</summary>
public sealed record WebhookAttempt(int? Status, string? Error)
{
    public bool Delivered => Status is >= 200 and < 300;
}
