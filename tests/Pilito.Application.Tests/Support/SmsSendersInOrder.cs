using Pilito.Application.Common.Ports;

namespace Pilito.Application.Tests.Support;

/// <summary>Sms:Providers as a handler sees it: these senders, in this order.</summary>
public sealed record SmsSendersInOrder(IReadOnlyList<ISmsSender> InOrder) : ISmsSenders;
