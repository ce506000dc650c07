using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Ports;
using Pilito.Infrastructure.Sms.Kavenegar;

namespace Pilito.Web.Health;

/// <summary>
/// Kavenegar credit, from a cached account/info answer. Low credit or an unreachable provider make the instance
/// degraded, never down: taking it out of the load balancer would not bring credit back.
/// </summary>
internal sealed class SmsCreditHealthCheck(ISmsProviderAccount account, IOptions<KavenegarOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await account.GetStatusAsync(fresh: false, cancellationToken);
        var data = new Dictionary<string, object> { ["checked_at"] = status.CheckedAt };
        if (!status.Applicable)
            return HealthCheckResult.Healthy($"not applicable: {status.Problem}");
        if (status.RemainingCredit is not { } credit)
            return HealthCheckResult.Degraded($"credit unknown: {status.Problem}", data: data);

        data["remaining_credit"] = credit;
        data["low_credit_threshold"] = options.Value.LowCreditThreshold;
        var text = credit.ToString("N0", CultureInfo.InvariantCulture);
        return credit < options.Value.LowCreditThreshold
            ? HealthCheckResult.Degraded($"low credit: {text} Rial left", data: data)
            : HealthCheckResult.Healthy($"{text} Rial left", data);
    }
}
