using Pilito.Domain.Phones;

namespace Pilito.Application.Common.Ports;

public interface ISmsSender
{
    /// <summary>False when the provider lacks what it needs to send (e.g. no API key).</summary>
    bool IsConfigured { get; }

    Task<SmsSendResult> SendOtpAsync(PhoneNumber phone, string code, CancellationToken cancellationToken);
}
