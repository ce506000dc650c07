using Microsoft.Extensions.Logging;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Telemetry;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Otp.RequestOtp;

/// <summary>
/// Sends a code through the providers in order (Sms:Providers), moving to the next one only when the current one
/// certainly sent nothing (<see cref="SmsSendResult.NothingSent"/>: it refused, or it was never reached, or its circuit
/// is open). After a timeout or an answer that may mean "sent", it stops there: a second provider would send the
/// person a second code. Providers that are not configured, or cannot deliver on the channel, are passed over.
/// </summary>
public sealed class SmsFailover(ISmsSenders senders, OtpMetrics metrics, TimeProvider clock, ILogger<SmsFailover> logger)
{
    /// <summary>Some provider has what it needs to send.</summary>
    public bool IsConfigured => senders.InOrder.Any(s => s.IsConfigured);

    /// <summary>Some configured provider delivers on this channel.</summary>
    public bool CanSend(OtpChannel channel) => Candidates(channel).Any();

    /// <param name="language">Picks the message language among those a provider has templates in.</param>
    /// <returns>The accepting provider's answer; else the last provider's, with every provider's reason when several were tried.</returns>
    public async Task<SmsSendResult> SendAsync(
        PhoneNumber phone, string code, OtpChannel channel, Func<IReadOnlyCollection<string>, string?> language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(language);
        var attempts = new List<SmsSendResult>(1);
        foreach (var sender in Candidates(channel))
        {
            if (attempts is [.., var failed])
            {
                logger.LogWarning("SMS to {Receptor} fails over from {Provider} to {Next}: {Reason}", phone, failed.Report.Provider, sender.Provider, failed.Report.ProviderError);
                metrics.FailedOver(failed.Report.Provider, sender.Provider);
            }

            var started = clock.GetTimestamp();
            var result = await sender.SendOtpAsync(phone, code, channel, channel == OtpChannel.Sms ? language(sender.MessageLanguages) : null, cancellationToken);
            metrics.SendAttempted(result, clock.GetElapsedTime(started));
            attempts.Add(result);
            if (result.Accepted || !result.NothingSent)
                break;
        }

        return attempts switch
        {
            [] => throw new InvalidOperationException($"No configured SMS provider delivers on the {channel} channel."),
            [var only] => only,
            [.., var last] when last.Accepted => last,
            [.., var last] => last with
            {
                Report = last.Report with { ProviderError = string.Join("; ", attempts.Select(a => $"{a.Report.Provider}: {a.Report.ProviderError}")) },
            },
        };
    }

    private IEnumerable<ISmsSender> Candidates(OtpChannel channel) => senders.InOrder.Where(s => s.IsConfigured && s.CanSend(channel));
}
