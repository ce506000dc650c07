using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pilito.Application.Common.Ports;

namespace Pilito.Web.Health;

/// <summary>
/// Credit of each listed provider, from its last answer: the probe never waits on a provider (each asks again in the
/// background when its answer is old). Low or unknown credit makes the instance degraded, never down: taking it out of
/// the load balancer would not bring credit back, and verify and refresh need no SMS at all.
/// </summary>
internal sealed class SmsCreditHealthCheck(ISmsProviderAccounts accounts) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var listed = accounts.Listed;
        if (listed.Count == 0)
            return Task.FromResult(HealthCheckResult.Healthy("not applicable: the Log sender has no account"));
        var judged = listed.Select(a => (Account: a, Verdict: Judge(a, a.LastKnown()))).ToList();
        if (judged is [var only])
            return Task.FromResult(only.Verdict);

        // Several providers: one entry naming each, as degraded as the worst of them, with each one's figures.
        var data = judged.SelectMany(j => j.Verdict.Data.Select(d => KeyValuePair.Create($"{j.Account.Provider.ToLowerInvariant()}_{d.Key}", d.Value)))
            .ToDictionary();
        var description = string.Join("; ", judged.Select(j => $"{j.Account.Provider}: {j.Verdict.Description}"));
        return Task.FromResult(new HealthCheckResult(judged.Min(j => j.Verdict.Status), description, data: data));
    }

    private static HealthCheckResult Judge(ISmsProviderAccount account, SmsAccountStatus status)
    {
        var data = new Dictionary<string, object> { ["checked_at"] = status.CheckedAt };
        if (!status.Applicable)
            return HealthCheckResult.Healthy($"not applicable: {status.Problem}");
        if (status.RemainingCredit is not { } credit)
            return HealthCheckResult.Degraded($"credit unknown: {status.Problem}", data: data);

        data["remaining_credit"] = credit;
        data["low_credit_threshold"] = account.LowCreditThreshold;
        var text = $"{credit.ToString("N0", CultureInfo.InvariantCulture)} {account.CreditUnit}";
        return credit < account.LowCreditThreshold
            ? HealthCheckResult.Degraded($"low credit: {text} left", data: data)
            : HealthCheckResult.Healthy($"{text} left", data);
    }
}
