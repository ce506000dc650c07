using Pilito.Application.Common.Ports;

namespace Pilito.Web.Health;

/// <summary>The server starts without an SMS key (so operators can reach health and tools), but says so at once.</summary>
internal sealed class SmsConfigurationWarning(IServiceScopeFactory scopes, ILogger<SmsConfigurationWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        if (!scope.ServiceProvider.GetRequiredService<ISmsSender>().IsConfigured)
            logger.LogWarning("SMS provider is not configured: OTP requests will answer 503. Set KAVENEGAR_API_KEY (or Kavenegar__ApiKey).");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
