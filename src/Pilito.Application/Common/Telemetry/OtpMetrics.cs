using System.Diagnostics.Metrics;
using System.Globalization;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

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
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _byOperator;
    private readonly Counter<long> _failovers;
    private readonly Counter<long> _callFallbacks;
    private readonly Counter<long> _testNumbers;

    public OtpMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("pilito.otp.requests", description: "OTP requests by outcome");
        _sent = meter.CreateCounter<long>("pilito.otp.sms.sent", description: "SMS the provider accepted");
        _failures = meter.CreateCounter<long>("pilito.otp.sms.failures", description: "SMS not accepted, by provider status code or fault");
        _verifications = meter.CreateCounter<long>("pilito.otp.verifications", description: "Code verifications by result");
        _budgetWarnings = meter.CreateCounter<long>("pilito.otp.budget.warnings", description: "Codes sent past Otp:BudgetWarningShare of the hourly budget");
        _deliveries = meter.CreateCounter<long>("pilito.otp.sms.deliveries", description: "Final delivery reports, by provider, outcome and the phone's mobile operator");
        _byOperator = meter.CreateCounter<long>("pilito.otp.operator.codes", description: "Codes by the phone's mobile operator and stage: requested, delivered, failed (not delivered), verified");
        _failovers = meter.CreateCounter<long>("pilito.otp.sms.failovers", description: "Sends moved to the next provider because the one before certainly sent nothing");
        _callFallbacks = meter.CreateCounter<long>("pilito.otp.call_fallbacks", description: "Voice calls placed for undelivered SMS codes (Otp:FallbackToCall), by outcome");
        _testNumbers = meter.CreateCounter<long>("pilito.otp.test_numbers", description: "Uses of Otp:TestNumbers, by stage: requested, verified");
        _sendDuration = meter.CreateHistogram<double>("pilito.otp.sms.send.duration", unit: "s", description: "Time the provider took to answer a send");
    }

    public void BudgetWarning() => _budgetWarnings.Add(1);

    /// <summary>A code was issued (before it is sent) for a phone of this operator.</summary>
    public void CodeIssued(string? mobileOperator) => CountByOperator(mobileOperator, "requested");

    /// <summary>A code of a phone of this operator was verified.</summary>
    public void CodeVerified(string? mobileOperator) => CountByOperator(mobileOperator, "verified");

    /// <summary>The provider's final report on a message (counted once per message, by the write that settled it).</summary>
    public void DeliverySettled(string provider, DeliveryOutcome outcome, string? mobileOperator)
    {
        var name = outcome.ToString().ToLowerInvariant();
        _deliveries.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("outcome", name),
            Operator(mobileOperator));
        if (outcome is DeliveryOutcome.Delivered or DeliveryOutcome.Failed)
            CountByOperator(mobileOperator, name);
    }

    public void RequestRefused(string outcome) => _requests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>One provider's answer to one send (a failover makes two).</summary>
    public void SendAttempted(SmsSendResult result, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(result);
        var provider = new KeyValuePair<string, object?>("provider", result.Report.Provider);
        _sendDuration.Record(duration.TotalSeconds, provider);
        if (result.Accepted)
        {
            _sent.Add(1, provider);
            return;
        }

        var status = result.Report.ProviderStatusCode?.ToString(CultureInfo.InvariantCulture)
            ?? result.Failure?.ToString().ToLowerInvariant() ?? "unknown";
        _failures.Add(1, provider, new KeyValuePair<string, object?>("status", status));
    }

    /// <summary>A code request's send is over, whichever providers it took.</summary>
    public void SendCompleted(bool accepted) => _requests.Add(1, new KeyValuePair<string, object?>("outcome", accepted ? "sent" : "send_failed"));

    /// <summary>A voice fallback for an undelivered SMS: called, call_failed or budget_exhausted.</summary>
    public void CallFallback(string outcome) => _callFallbacks.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>A test number's code was issued (nothing sent) or verified.</summary>
    public void TestNumberUsed(string stage) => _testNumbers.Add(1, new KeyValuePair<string, object?>("stage", stage));

    /// <summary>A provider certainly sent nothing and the next one is tried.</summary>
    public void FailedOver(string from, string to) =>
        _failovers.Add(1, new KeyValuePair<string, object?>("from", from), new KeyValuePair<string, object?>("to", to));

    private void CountByOperator(string? mobileOperator, string stage) =>
        _byOperator.Add(1, Operator(mobileOperator), new KeyValuePair<string, object?>("stage", stage));

    /// <summary>Codes issued before operators were recorded have none.</summary>
    private static KeyValuePair<string, object?> Operator(string? mobileOperator) =>
        new("operator", mobileOperator ?? MobileOperators.Unknown);

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
