using Pilito.Domain.Phones;

namespace Pilito.Application.Common.Ports;

public interface IOtpCodeHasher
{
    /// <summary>A keyed hash of the code, bound to the phone so equal codes of two phones differ.</summary>
    byte[] Hash(PhoneNumber phone, string code);
}
