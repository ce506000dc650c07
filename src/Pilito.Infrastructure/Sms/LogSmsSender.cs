using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Sms;

/// <summary>
/// Writes the message (or what a voice call would say) to the log instead of sending it. Only Development shows the
/// code; Staging, Testing and every other environment mask it.
/// </summary>
internal sealed class LogSmsSender(IOptions<SmsOptions> options, IHostEnvironment environment, ILogger<LogSmsSender> logger) : ISmsSender
{
    public const string ProviderName = "Log";

    public string Provider => ProviderName;

    public bool IsConfigured => true;

    public bool CanSend(OtpChannel channel) => true;

    public IReadOnlyCollection<string> MessageLanguages => options.Value.TemplateLanguages;

    public Task<SmsSendResult> SendOtpAsync(PhoneNumber phone, string code, OtpChannel channel, string? language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var shown = environment.IsDevelopment() ? code : new string('*', code.Length);
        if (channel == OtpChannel.Call)
            logger.LogInformation("Call to {Receptor} (not made, Sms:Provider is Log): {Message}", phone, options.Value.RenderCallMessage(shown));
        else
            logger.LogInformation("SMS to {Receptor} (not sent, Sms:Provider is Log): {Message}", phone, options.Value.RenderSms(shown, language));
        return Task.FromResult(SmsSendResult.Sent(ProviderName, messageId: null, statusCode: null));
    }
}
