using Microsoft.Extensions.Options;
using Pilito.Application.Common.Ports;
using Pilito.Infrastructure.Sms.Kavenegar;
using Pilito.Infrastructure.Sms.SmsIr;

namespace Pilito.Infrastructure.Sms;

/// <summary>The accounts of Sms:Providers (or Sms:Provider alone), in that order; the Log sender has none.</summary>
internal sealed class ConfiguredSmsAccounts(KavenegarAccount kavenegar, SmsIrAccount smsIr, IOptions<SmsOptions> options) : ISmsProviderAccounts
{
    public IReadOnlyList<ISmsProviderAccount> Listed
    {
        get
        {
            var accounts = new List<ISmsProviderAccount>(2);
            foreach (var provider in options.Value.InOrder)
            {
                if (provider == SmsProvider.Kavenegar)
                    accounts.Add(kavenegar);
                else if (provider == SmsProvider.SmsIr)
                    accounts.Add(smsIr);
            }

            return accounts;
        }
    }
}
