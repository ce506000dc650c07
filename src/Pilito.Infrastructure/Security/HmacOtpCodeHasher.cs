using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Security;

/// <summary>HMAC-SHA256 of "phone:code" under Otp:HashKey: a leaked table reveals no code without the key.</summary>
internal sealed class HmacOtpCodeHasher(IOptions<OtpOptions> options) : IOtpCodeHasher
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.HashKey
        ?? throw new InvalidOperationException("Otp:HashKey is not set."));

    public byte[] Hash(PhoneNumber phone, string code)
    {
        ArgumentNullException.ThrowIfNull(phone);
        ArgumentNullException.ThrowIfNull(code);
        return HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(phone.E164 + ":" + code));
    }
}
