using Microsoft.Extensions.Options;
using Pilito.Application.Common.Ports;
using Pilito.Infrastructure.Sms.Kavenegar;
using Pilito.Infrastructure.Sms.SmsIr;

namespace Pilito.Infrastructure.Sms;

/// <summary>The accounts of Sms:Providers (or Sms:Provider alone), in that order; the Log sender has none.</summary>
internal sealed class ConfiguredSmsAccounts(KavenegarAccount kavenegar, SmsIrAccount smsIr, IOptions<SmsOptions> options) : ISmsProviderAccounts
{
    public IReadOnlyList<ISmsProviderAccount> Listed =>
    [
        .. options.Value.InOrder.Select(p => p switch
        {
            SmsProvider.Kavenegar => kavenegar,
            SmsProvider.SmsIr => (ISmsProviderAccount?)smsIr,
            _ => null,
        }).OfType<ISmsProviderAccount>(),
    ];
}
