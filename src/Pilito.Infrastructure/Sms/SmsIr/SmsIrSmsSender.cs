using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Sms.SmsIr;

/// <summary>
/// Sends the code through sms.ir's send/verify with the panel template <see cref="SmsIrOptions.TemplateId"/>: SMS
/// only, as sms.ir's verify API has no voice calls.
/// </summary>
internal sealed class SmsIrSmsSender(SmsIrClient client, IOptions<SmsIrOptions> smsIr, IOptions<OtpOptions> otp, TimeProvider clock, ILogger<SmsIrSmsSender> logger)
    : ISmsSender
{
    public const string ProviderName = "SmsIr";

    public string Provider => ProviderName;

    public bool IsConfigured => smsIr.Value.IsConfigured;

    /// <summary>None: the panel's template is the text, whatever the language.</summary>
    public IReadOnlyCollection<string> MessageLanguages => [];

    public bool CanSend(OtpChannel channel) => channel == OtpChannel.Sms;

    public async Task<SmsSendResult> SendOtpAsync(PhoneNumber phone, string code, OtpChannel channel, string? language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var started = clock.GetTimestamp();
        var result = await SendAsync(phone, code, cancellationToken);
        logger.Log(result.Accepted ? LogLevel.Information : LogLevel.Warning,
            "SMS via {Provider} {Method} to {Receptor}: {Reason}, message id {MessageId}, {ElapsedMs:0} ms, channel {Channel}",
            ProviderName, SmsIrVerifyRequest.Path, phone, result.Report.ProviderError ?? "Done (1)", result.Report.ProviderMessageId,
            clock.GetElapsedTime(started).TotalMilliseconds, channel);
        return result;
    }

    private async Task<SmsSendResult> SendAsync(PhoneNumber phone, string code, CancellationToken cancellationToken)
    {
        SmsIrAnswer answer;
        try
        {
            answer = await client.CallAsync(SmsIrVerifyRequest.Path, SmsIrVerifyRequest.For(smsIr.Value, phone.National, code, otp.Value.Lifetime), cancellationToken);
        }
        catch (SmsProviderCallException e)
        {
            return SmsSendResult.Failed(ProviderName, e.Failure, e.Message);
        }

        if (answer.IsOk)
        {
            return answer.DataNumber("messageId") is { } messageId
                ? SmsSendResult.Sent(ProviderName, messageId.ToString(CultureInfo.InvariantCulture), answer.Status)
                // Approved without a message id is not sms.ir's documented shape: it may have sent, so not a refusal.
                : SmsSendResult.Failed(ProviderName, SmsFailureKind.Unavailable, "sms.ir approved the message but gave no message id", answer.Status);
        }

        // Status 0 is sms.ir's own error, and a code outside its table no known refusal: either may follow a message
        // that went out, so neither lets another provider send.
        var failure = SmsIrStatusCodes.IsRefusal(answer.Status) ? SmsFailureKind.Rejected : SmsFailureKind.Unavailable;
        return SmsSendResult.Failed(ProviderName, failure, answer.Reason, answer.Status);
    }
}
