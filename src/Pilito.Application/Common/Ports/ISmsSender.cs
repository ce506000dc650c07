using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Common.Ports;

/// <summary>Sends a code to a phone through the provider: as a text message or, on <see cref="OtpChannel.Call"/>, a voice call.</summary>
public interface ISmsSender
{
    /// <summary>The provider's name as settings and tokens spell it: "Kavenegar", "SmsIr", "Log".</summary>
    string Provider { get; }

    /// <summary>False when the provider lacks what it needs to send (e.g. no API key).</summary>
    bool IsConfigured { get; }

    /// <summary>The languages this sender has an SMS template in (primary subtags, lower case); empty when it has none.</summary>
    IReadOnlyCollection<string> MessageLanguages { get; }

    /// <summary>Whether this provider delivers codes on <paramref name="channel"/> (sms.ir's verify API has no voice calls).</summary>
    bool CanSend(OtpChannel channel);

    /// <param name="language">One of <see cref="MessageLanguages"/>, or null for the default text. Ignored for a call.</param>
    Task<SmsSendResult> SendOtpAsync(PhoneNumber phone, string code, OtpChannel channel, string? language, CancellationToken cancellationToken);
}
