using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Webhooks;

namespace Pilito.Application.Tests.Support;

/// <summary>Webhook events as a configured app would have them: one endpoint receiving every event.</summary>
public static class WebhookEndpoints
{
    public const string Url = "https://app.test/hooks/pilito";

    public static WebhookEvents All() => new(Options.Create(new WebhookOptions
    {
        Endpoints = [new WebhookEndpointOptions { Url = Url, Secret = "whsec_" + Convert.ToBase64String(new byte[32]) }],
    }));
}
