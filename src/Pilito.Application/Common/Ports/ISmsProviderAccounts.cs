namespace Pilito.Application.Common.Ports;

/// <summary>The accounts of the providers codes go through (Sms:Providers), in that order; none for the Log sender.</summary>
public interface ISmsProviderAccounts
{
    IReadOnlyList<ISmsProviderAccount> Listed { get; }
}
