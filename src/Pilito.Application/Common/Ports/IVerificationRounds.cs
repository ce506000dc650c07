using Pilito.Domain.Phones;

namespace Pilito.Application.Common.Ports;

/// <summary>
/// Runs a verification's reads and writes in one database transaction, committed (together with other requests'
/// writes) before the result is returned. The work may run more than once, from the start, when the transaction is
/// retried: it reads everything through the round and keeps side effects (logs, metrics) for after. Queued work is
/// not withdrawn when the request is cancelled: it commits with its round.
/// </summary>
public interface IVerificationRounds
{
    /// <summary>Runs <paramref name="work"/> for <paramref name="phone"/>; one piece of work per phone per transaction.</summary>
    Task<TResult> RunAsync<TResult>(PhoneNumber phone, Func<IVerificationRound, CancellationToken, Task<TResult>> work);
}
