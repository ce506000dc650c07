using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pilito.Application.Common.Ports;

namespace Pilito.Web.Health;

/// <summary>
/// Not ready when no SMS provider has what it needs: such an instance would answer every OTP request with 503.
/// Degraded when only a provider further down Sms:Providers can send: codes go out, without the main provider.
/// </summary>
internal sealed class SmsConfigurationHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public const string KavenegarHint = "set KAVENEGAR_API_KEY (or Kavenegar__ApiKey)";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var senders = scope.ServiceProvider.GetRequiredService<ISmsSenders>().InOrder;
        var missing = senders.Where(s => !s.IsConfigured).Select(s => s.Provider).ToList();
        return Task.FromResult(missing.Count switch
        {
            0 => HealthCheckResult.Healthy("SMS provider configured"),
            _ when missing.Count == senders.Count => HealthCheckResult.Unhealthy($"SMS provider not configured: {KavenegarHint}"),
            _ => HealthCheckResult.Degraded($"SMS provider {string.Join(", ", missing)} not configured ({KavenegarHint}); codes go through {string.Join(", ", senders.Where(s => s.IsConfigured).Select(s => s.Provider))}"),
        });
    }
}
