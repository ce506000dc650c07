using Pilito.Domain.Phones;

namespace Pilito.Application.Common.Writes;

/// <summary>
/// Every write of OTP tokens and of what a verification changes goes through here: the work reads and changes
/// domain objects through an <see cref="IOtpTransaction"/>, and the writer commits what it changed, together with
/// other requests' writes, in one database transaction before it answers.
/// </summary>
/// <remarks>
/// The work may run more than once, from the start, when its transaction is retried: it creates what it adds
/// inside the work, reads everything through the transaction and keeps side effects (logs, metrics) for after.
/// Queued work is not withdrawn when the caller gives up: it commits with its round, so the writer takes no
/// cancellation token; the work receives the round's.
/// </remarks>
public interface IOtpWriter
{
    /// <summary>
    /// Runs <paramref name="work"/> and commits it. With a <paramref name="phone"/>, no other write for that phone
    /// shares its transaction, so each sees the one before it committed (a new code supersedes the earlier one; a
    /// second verification finds the code used; one account per phone).
    /// </summary>
    Task<TResult> RunAsync<TResult>(PhoneNumber? phone, Func<IOtpTransaction, CancellationToken, Task<TResult>> work);
}
