using Moq;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Tests.Support;

/// <summary>Sms:Providers as the diagnostics see it: the listed providers' accounts, in order (none for the Log sender).</summary>
public sealed record SmsAccountsInOrder(IReadOnlyList<ISmsProviderAccount> Listed) : ISmsProviderAccounts
{
    /// <summary>Accounts that only tell their provider's name.</summary>
    public static SmsAccountsInOrder Named(params string[] providers) => new([.. providers.Select(p =>
    {
        var account = new Mock<ISmsProviderAccount>(MockBehavior.Strict);
        account.SetupGet(a => a.Provider).Returns(p);
        return account.Object;
    })]);
}
