using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Sms.Kavenegar;

/// <summary>
/// Sends the code through verify/lookup when a template is configured (type=call for a voice call), else as text
/// through sms/send, or as spoken text through call/maketts for a voice call.
/// </summary>
internal sealed class KavenegarSmsSender(
    KavenegarGateway gateway,
    IOptions<KavenegarOptions> kavenegar,
    IOptions<SmsOptions> sms,
    IOptions<OtpOptions> otp,
    ILogger<KavenegarSmsSender> logger) : ISmsSender
{
    public const string ProviderName = "Kavenegar";

    public string Provider => ProviderName;

    public bool IsConfigured => kavenegar.Value.HasApiKey;

    /// <summary>SMS, and voice calls through verify/lookup (type=call) or call/maketts.</summary>
    public bool CanSend(OtpChannel channel) => true;

    /// <summary>None in template mode: the panel's template is the text, whatever the language.</summary>
    public IReadOnlyCollection<string> MessageLanguages => kavenegar.Value.UsesLookup ? [] : sms.Value.TemplateLanguages;

    public async Task<SmsSendResult> SendOtpAsync(PhoneNumber phone, string code, OtpChannel channel, string? language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var call = channel == OtpChannel.Call;
        var result = (kavenegar.Value.UsesLookup, call) switch
        {
            (true, _) => await gateway.LookupAsync(phone.National, code, call, LookupTokens(), cancellationToken),
            (false, true) => await gateway.MakeTtsCallAsync(phone.National, sms.Value.RenderCallMessage(code), cancellationToken),
            (false, false) => await gateway.SendAsync(phone.National, sms.Value.RenderSms(code, language), cancellationToken),
        };
        // An approved answer without a usable message id is not Kavenegar's documented shape: a failure with a reason.
        if (result.Answer is { IsOk: true, SendShapeProblem: { } problem } odd)
            result = result with { Answer = null, Fault = SmsFailureKind.Unavailable, FaultReason = odd.UnexpectedShape(problem) };
        var messageId = result.Answer?.FirstMessageId;
        logger.Log(result.IsOk ? LogLevel.Information : LogLevel.Warning,
            // Still "SMS via" for a call: log searches and alerts key on it; the channel and the method tell them apart.
            "SMS via {Provider} {Method} to {Receptor}: Kavenegar status {Status} ({Reason}), message id {MessageId}, HTTP {HttpStatus}, {ElapsedMs:0} ms, channel {Channel}",
            ProviderName, result.Method, phone, result.Answer?.Status, result.Reason, messageId, result.Answer?.HttpStatus,
            result.Duration.TotalMilliseconds, channel);

        if (result.IsOk)
            return SmsSendResult.Sent(ProviderName, messageId, result.Answer!.Status);
        // A code outside Kavenegar's table is no known refusal: it may have sent, so no other provider is tried.
        return result.Answer is { } refused
            ? SmsSendResult.Failed(ProviderName, KavenegarStatusCodes.IsDocumented(refused.Status) ? SmsFailureKind.Rejected : SmsFailureKind.Unavailable,
                result.Reason, refused.Status)
            : SmsSendResult.Failed(ProviderName, result.Fault ?? SmsFailureKind.Unavailable, result.Reason);
    }

    /// <summary>
    /// token2: the minutes the code stays valid (rounded up); token3: Sms:AppName when set. A panel template shows them
    /// only where it says %token2% and %token3%. That Kavenegar ignores a token its template does not name is assumed,
    /// not confirmed against its servers.
    /// </summary>
    private KavenegarLookupTokens LookupTokens() => new(
        ((int)Math.Ceiling(otp.Value.Lifetime.TotalMinutes)).ToString(CultureInfo.InvariantCulture),
        string.IsNullOrEmpty(sms.Value.AppName) ? null : sms.Value.AppName);
}
