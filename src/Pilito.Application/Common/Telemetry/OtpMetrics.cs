using System.Diagnostics.Metrics;
using System.Globalization;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Otp;

namespace Pilito.Application.Common.Telemetry;

/// <summary>
/// Counters to alert on failed OTPs, exported in Prometheus text as pilito_otp_* (e.g.
/// pilito_otp_sms_failures_total{status="418"}).
/// </summary>
public sealed class OtpMetrics
{
    public const string MeterName = "Pilito";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _verifications;
    private readonly Histogram<double> _sendDuration;
    private readonly Counter<long> _budgetWarnings;

    public OtpMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("pilito.otp.requests", description: "OTP requests by outcome");
        _sent = meter.CreateCounter<long>("pilito.otp.sms.sent", description: "SMS the provider accepted");
        _failures = meter.CreateCounter<long>("pilito.otp.sms.failures", description: "SMS not accepted, by provider status code or fault");
        _verifications = meter.CreateCounter<long>("pilito.otp.verifications", description: "Code verifications by result");
        _budgetWarnings = meter.CreateCounter<long>("pilito.otp.budget.warnings", description: "Codes sent past Otp:BudgetWarningShare of the hourly budget");
        _sendDuration = meter.CreateHistogram<double>("pilito.otp.sms.send.duration", unit: "s", description: "Time the provider took to answer a send");
    }

    public void BudgetWarning() => _budgetWarnings.Add(1);

    public void RequestRefused(string outcome) => _requests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void SendCompleted(SmsSendResult result, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(result);
        var provider = new KeyValuePair<string, object?>("provider", result.Report.Provider);
        _sendDuration.Record(duration.TotalSeconds, provider);
        _requests.Add(1, new KeyValuePair<string, object?>("outcome", result.Accepted ? "sent" : "send_failed"));
        if (result.Accepted)
        {
            _sent.Add(1, provider);
            return;
        }

        var status = result.Report.ProviderStatusCode?.ToString(CultureInfo.InvariantCulture)
            ?? result.Failure?.ToString().ToLowerInvariant() ?? "unknown";
        _failures.Add(1, provider, new KeyValuePair<string, object?>("status", status));
    }

    /// <summary>A verification refused before its code was looked at (a per-phone or per-network cap).</summary>
    public void VerifyRefused(string result) => _verifications.Add(1, new KeyValuePair<string, object?>("result", result));

    public void Verified(VerifyOutcome outcome) =>
        _verifications.Add(1, new KeyValuePair<string, object?>("result", outcome switch
        {
            VerifyOutcome.Verified => "verified",
            VerifyOutcome.WrongCode => "wrong_code",
            VerifyOutcome.Expired => "expired",
            VerifyOutcome.Locked => "locked",
            _ => "not_usable",
        }));
}
