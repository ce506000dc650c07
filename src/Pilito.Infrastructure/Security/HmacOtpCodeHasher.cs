using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Security;

/// <summary>HMAC-SHA256 of "phone:code" under Otp:HashKey: a leaked table reveals no code without the key.</summary>
internal sealed class HmacOtpCodeHasher : IOtpCodeHasher, IDisposable
{
    // One keyed HMAC per thread (an instance is not thread-safe): the one-shot HMACSHA256.HashData sets OpenSSL's
    // MAC up again on every call, and every OTP request and verification hashes; a kept instance skips that setup.
    private readonly ThreadLocal<HMACSHA256> _hmac;

    public HmacOtpCodeHasher(IOptions<OtpOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = Encoding.UTF8.GetBytes(options.Value.HashKey ?? throw new InvalidOperationException("Otp:HashKey is not set."));
        _hmac = new ThreadLocal<HMACSHA256>(() => new HMACSHA256(key), trackAllValues: true);
    }

    public byte[] Hash(PhoneNumber phone, string code)
    {
        ArgumentNullException.ThrowIfNull(phone);
        ArgumentNullException.ThrowIfNull(code);
        return _hmac.Value!.ComputeHash(Encoding.UTF8.GetBytes(phone.E164 + ":" + code));
    }

    public void Dispose()
    {
        foreach (var hmac in _hmac.Values)
            hmac.Dispose();
        _hmac.Dispose();
    }
}
