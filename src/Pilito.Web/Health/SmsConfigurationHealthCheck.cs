using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pilito.Application.Common.Ports;

namespace Pilito.Web.Health;

/// <summary>Not ready without what the SMS provider needs: such an instance would answer every OTP request with 503.</summary>
internal sealed class SmsConfigurationHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var sms = scope.ServiceProvider.GetRequiredService<ISmsSender>();
        return Task.FromResult(sms.IsConfigured
            ? HealthCheckResult.Healthy("SMS provider configured")
            : HealthCheckResult.Unhealthy("SMS provider not configured: set KAVENEGAR_API_KEY (or Kavenegar__ApiKey)"));
    }
}
