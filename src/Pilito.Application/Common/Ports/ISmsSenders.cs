namespace Pilito.Application.Common.Ports;

/// <summary>The SMS providers in the order codes try them (Sms:Providers): the first is used, the next ones on failover.</summary>
public interface ISmsSenders
{
    IReadOnlyList<ISmsSender> InOrder { get; }
}
