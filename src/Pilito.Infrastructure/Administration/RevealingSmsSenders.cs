using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Administration;

/// <summary>Every configured sender, each noting its codes in the <see cref="RevealedCodeBook"/>.</summary>
internal sealed class RevealingSmsSenders(ISmsSenders inner, IOtpCodeHasher hasher, RevealedCodeBook book) : ISmsSenders
{
    private IReadOnlyList<ISmsSender>? _inOrder;

    public IReadOnlyList<ISmsSender> InOrder => _inOrder ??= [.. inner.InOrder.Select(s => new RevealingSmsSender(s, hasher, book))];
}
