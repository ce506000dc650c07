using Pilito.Application.Common.Ports;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>A verification (code check, failure log, sign-in, refresh token) as one write of a round.</summary>
internal sealed class VerificationWrite<TResult>(PhoneNumber phone, Func<IVerificationRound, CancellationToken, Task<TResult>> work)
    : PendingWrite<TResult>
{
    protected override bool CanJoin(WriteRound round) => round.TryClaimPhone(phone);

    protected override Task<TResult> StageCoreAsync(WriteRound round, CancellationToken cancellationToken) =>
        round.VerifyAsync(work, cancellationToken);
}
