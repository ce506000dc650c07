using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Common.Ports;

/// <summary>Sends a code to a phone through the provider: as a text message or, on <see cref="OtpChannel.Call"/>, a voice call.</summary>
public interface ISmsSender
{
    /// <summary>False when the provider lacks what it needs to send (e.g. no API key).</summary>
    bool IsConfigured { get; }

    Task<SmsSendResult> SendOtpAsync(PhoneNumber phone, string code, OtpChannel channel, CancellationToken cancellationToken);
}
