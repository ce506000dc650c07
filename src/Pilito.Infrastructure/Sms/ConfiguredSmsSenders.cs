using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Ports;
using Pilito.Infrastructure.Sms.Kavenegar;
using Pilito.Infrastructure.Sms.SmsIr;

namespace Pilito.Infrastructure.Sms;

/// <summary>The senders of Sms:Providers (or Sms:Provider alone), in that order.</summary>
internal sealed class ConfiguredSmsSenders(IServiceProvider services, IOptions<SmsOptions> options) : ISmsSenders
{
    private IReadOnlyList<ISmsSender>? _inOrder;

    public IReadOnlyList<ISmsSender> InOrder => _inOrder ??= [.. options.Value.InOrder.Select(Sender)];

    private ISmsSender Sender(SmsProvider provider) => provider switch
    {
        SmsProvider.Log => services.GetRequiredService<LogSmsSender>(),
        SmsProvider.SmsIr => services.GetRequiredService<SmsIrSmsSender>(),
        _ => services.GetRequiredService<KavenegarSmsSender>(),
    };
}
