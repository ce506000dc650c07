using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Webhooks;

internal static class WebhookSetup
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddScoped<IWebhookOutbox, WebhookOutbox>();
        services.AddSingleton<IWebhookTransport, StandardWebhookTransport>();
        services.AddHttpClient(StandardWebhookTransport.Client, http => http.Timeout = Timeout.InfiniteTimeSpan) // the transport's own timeout governs
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .RemoveAllLoggers(); // the sender logs each attempt once, with its outcome; HttpClient would add four lines more
        return services;
    }
}
