using Pilito.Application.Common.Ports;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>Verifications go through the group-commit writer like new codes: one commit for everything queued.</summary>
internal sealed class VerificationRounds(GroupCommitWriter writer) : IVerificationRounds
{
    public Task<TResult> RunAsync<TResult>(PhoneNumber phone, Func<IVerificationRound, CancellationToken, Task<TResult>> work) =>
        writer.WriteAsync(new VerificationWrite<TResult>(phone, work));
}
