using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Ports;
using Pilito.Infrastructure.Sms.Kavenegar;

namespace Pilito.Web.Health;

/// <summary>
/// Kavenegar credit, from the last account/info answer: the probe never waits on Kavenegar (it asks again in the
/// background when the answer is old). Low or unknown credit makes the instance degraded, never down: taking it out of
/// the load balancer would not bring credit back, and verify and refresh need no SMS at all.
/// </summary>
internal sealed class SmsCreditHealthCheck(ISmsProviderAccount account, IOptions<KavenegarOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Judge(account.LastKnown()));

    private HealthCheckResult Judge(SmsAccountStatus status)
    {
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
