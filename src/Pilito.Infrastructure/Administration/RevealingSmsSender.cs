using Pilito.Application.Common.Ports;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Administration;

/// <summary>Wraps a configured sender to note each code in the <see cref="RevealedCodeBook"/> (RevealCodes only).</summary>
internal sealed class RevealingSmsSender(ISmsSender inner, IOtpCodeHasher hasher, RevealedCodeBook book) : ISmsSender
{
    public string Provider => inner.Provider;

    public bool CanSend(OtpChannel channel) => inner.CanSend(channel);

    public bool IsConfigured => inner.IsConfigured;

    public IReadOnlyCollection<string> MessageLanguages => inner.MessageLanguages;

    public Task<SmsSendResult> SendOtpAsync(PhoneNumber phone, string code, OtpChannel channel, string? language, CancellationToken cancellationToken)
    {
        book.Remember(hasher.Hash(phone, code), code);
        return inner.SendOtpAsync(phone, code, channel, language, cancellationToken);
    }
}
