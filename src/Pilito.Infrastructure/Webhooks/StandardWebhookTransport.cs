using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Webhooks;
using StandardWebhooks;

namespace Pilito.Infrastructure.Webhooks;

/// <summary>
/// Posts a message as Standard Webhooks describes: the stored payload as the body, signed with the endpoint's secret
/// in <c>webhook-signature</c> over <c>webhook-id</c>, <c>webhook-timestamp</c> and the body. Redirects are not
/// followed (a 3xx is a failed attempt), and the answer's body is never read.
/// </summary>
internal sealed class StandardWebhookTransport(IHttpClientFactory clients, IOptions<WebhookOptions> options) : IWebhookTransport
{
    public const string Client = "Pilito.Webhooks";

    public async Task<WebhookAttempt> SendAsync(WebhookMessage message, WebhookEndpointOptions endpoint, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(endpoint);
        var signature = new StandardWebhook(endpoint.Secret!).Sign(message.MessageId, at, message.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, message.EndpointUrl)
        {
            Content = new StringContent(message.Payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("webhook-id", message.MessageId);
        request.Headers.Add("webhook-timestamp", at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);

        var timeout = options.Value.Timeout;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        try
        {
            using var response = await clients.CreateClient(Client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            var status = (int)response.StatusCode;
            return new WebhookAttempt(status, status is >= 200 and < 300 ? null : $"HTTP {status}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttempt(null, $"No answer within {timeout.TotalSeconds:0.#} s (Webhooks:Timeout).");
        }
        catch (HttpRequestException e)
        {
            return new WebhookAttempt(null, $"No connection ({e.HttpRequestError}).");
        }
    }
}
