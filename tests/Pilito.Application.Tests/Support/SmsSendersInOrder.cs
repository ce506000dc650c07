using Moq;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Tests.Support;

/// <summary>Sms:Providers as a handler sees it: these senders, in this order.</summary>
public sealed record SmsSendersInOrder(IReadOnlyList<ISmsSender> InOrder) : ISmsSenders
{
    /// <summary>Senders that only tell their names: for handlers that read the order and send nothing.</summary>
    public static SmsSendersInOrder Named(params string[] providers) => new([.. providers.Select(p =>
    {
        var sender = new Mock<ISmsSender>(MockBehavior.Strict);
        sender.SetupGet(s => s.Provider).Returns(p);
        return sender.Object;
    })]);
}
