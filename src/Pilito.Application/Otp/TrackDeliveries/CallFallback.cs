using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Telemetry;
using Pilito.Application.Common.Writes;
using Pilito.Application.Otp.RequestOtp;
using Pilito.Application.Webhooks;
using Pilito.Domain.Otp;

namespace Pilito.Application.Otp.TrackDeliveries;

/// <summary>
/// Otp:FallbackToCall: an SMS code reported undelivered is replaced, once, by a voice call with a new code. The call is
/// issued in the same write that settles the SMS as failed, so of several instances tracking the same message only
/// the one whose write settled it calls; it keeps the SMS's verification id, so the client goes on with its handle.
/// A call costs money like any code: it counts against the service's hourly budget and its prefix's share, and is
/// skipped when either is spent. The person did not ask for it, so the per-phone and per-address limits leave it be.
/// </summary>
public sealed partial class CallFallback(
    SmsFailover sms,
    IOtpWriter writer,
    WebhookEvents events,
    IOtpCodeHasher hasher,
    IOptions<OtpOptions> options,
    TimeProvider clock,
    OtpMetrics metrics,
    ILogger<CallFallback> logger)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>Inside the write that settled <paramref name="failed"/>: the call that replaces it, or null when none may.</summary>
    public async Task<IssuedCall?> IssueAsync(IOtpTransaction transaction, OtpToken failed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(failed);
        var otp = options.Value;
        if (!otp.FallbackToCall || !failed.CanFallBackToCall(now) || !sms.CanSend(OtpChannel.Call))
            return null;

        var hourStart = now - Hour;
        var service = await transaction.FindCountsAsync(CountScope.Service, hourStart, cancellationToken);
        var prefix = await transaction.FindCountsAsync(CountScope.Prefix(failed.Phone.OperatorPrefix), hourStart, cancellationToken);
        if (service.CountSince(hourStart) >= otp.MaxSendsPerHour || prefix.CountSince(hourStart) >= otp.MaxSendsPerPrefixPerHour)
        {
            LogBudgetSpent(failed.Phone.ToString());
            metrics.CallFallback("budget_exhausted");
            return null;
        }

        var code = OtpCode.Generate(otp.CodeLength);
        var call = failed.FallBackToCall(hasher.Hash(failed.Phone, code), now, otp.Lifetime);
        transaction.Add(call);
        service.Add(now);
        prefix.Add(now);
        return new IssuedCall(call, code);
    }

    /// <summary>After the write: places the call and records the provider's answer on the call's token.</summary>
    public async Task SendAsync(IssuedCall issued, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issued);
        var result = await sms.SendAsync(issued.Token.Phone, issued.Code, OtpChannel.Call, _ => null, cancellationToken);
        await DeliveryRecording.RecordAsync(writer, events, issued.Token, result.Report, clock.GetUtcNow());
        LogCalled(issued.Token.Phone.ToString(), issued.Token.ReplacesTokenId, result.Accepted ? "placed" : result.Report.ProviderError);
        metrics.CallFallback(result.Accepted ? "called" : "call_failed");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voice fallback for {Phone} skipped: the SMS budget is spent")]
    private partial void LogBudgetSpent(string phone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voice fallback for {Phone}: the SMS of token {Replaced} was not delivered; call {Outcome}")]
    private partial void LogCalled(string phone, long? replaced, string? outcome);
}

/// <summary>A voice call issued in place of an undelivered SMS, and its code, to be placed once the write commits.</summary>
public sealed record IssuedCall(OtpToken Token, string Code);
