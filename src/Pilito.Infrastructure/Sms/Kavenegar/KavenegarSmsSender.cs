using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Sms.Kavenegar;

/// <summary>Sends the code as free text from the sender line (sms/send.json).</summary>
internal sealed class KavenegarSmsSender(
    KavenegarClient client,
    IOptions<KavenegarOptions> kavenegar,
    IOptions<SmsOptions> sms,
    ILogger<KavenegarSmsSender> logger) : ISmsSender
{
    public const string ProviderName = "Kavenegar";

    public bool IsConfigured => kavenegar.Value.HasApiKey;

    public async Task<SmsSendResult> SendOtpAsync(PhoneNumber phone, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var started = Stopwatch.GetTimestamp();
        var result = await SendAsync(phone, sms.Value.RenderOtpMessage(code), cancellationToken);
        logger.LogInformation(
            "SMS via {Provider} {Method} to {Receptor}: accepted {Accepted}, status {Status}, message id {MessageId}, {Reason} in {ElapsedMs:0} ms",
            ProviderName, "sms/send", phone, result.Accepted, result.Report.ProviderStatusCode, result.Report.ProviderMessageId,
            result.Report.ProviderError ?? "ok", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    private async Task<SmsSendResult> SendAsync(PhoneNumber phone, string message, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await client.CallAsync("sms/send.json", new Dictionary<string, string>
            {
                ["receptor"] = phone.National,
                ["sender"] = kavenegar.Value.Sender,
                ["message"] = message,
            }, cancellationToken);
            return answer.IsOk
                ? SmsSendResult.Sent(ProviderName, answer.FirstMessageId, answer.Status)
                : SmsSendResult.Failed(ProviderName, SmsFailureKind.Rejected, KavenegarStatusCodes.Describe(answer.Status), answer.Status);
        }
        catch (KavenegarCallException e)
        {
            return SmsSendResult.Failed(ProviderName, e.Failure, e.Message);
        }
    }
}
