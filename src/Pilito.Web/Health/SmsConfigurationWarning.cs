using Pilito.Application.Common.Ports;

namespace Pilito.Web.Health;

/// <summary>The server starts without an SMS key (so operators can reach health and tools), but says so at once.</summary>
internal sealed class SmsConfigurationWarning(IServiceScopeFactory scopes, ILogger<SmsConfigurationWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var senders = scope.ServiceProvider.GetRequiredService<ISmsSenders>().InOrder;
        if (!senders.Any(s => s.IsConfigured))
            logger.LogWarning("SMS provider is not configured: OTP requests will answer 503. Set KAVENEGAR_API_KEY (or Kavenegar__ApiKey).");
        else if (senders.FirstOrDefault(s => !s.IsConfigured) is { } missing)
            logger.LogWarning("SMS provider {Provider} is not configured: codes go through the next provider of Sms:Providers. Set KAVENEGAR_API_KEY (or Kavenegar__ApiKey).", missing.Provider);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
