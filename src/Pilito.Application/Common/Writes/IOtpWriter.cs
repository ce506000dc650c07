using Pilito.Application.Common.Errors;
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
/// A write waits until the writer takes it into a transaction. Until then it is the caller's: a cancelled caller
/// withdraws it unrun (a client that has gone costs no write), and one not taken in time is refused with
/// <see cref="ServiceBusyException"/>. Once taken it belongs to the transaction and commits with the others' writes
/// whatever the caller does: pulling it out would undo the whole transaction, and the caller's answer must say what
/// was stored. So the work receives the transaction's token, never the caller's.
/// </remarks>
public interface IOtpWriter
{
    /// <summary>
    /// Runs <paramref name="work"/> and commits it. With a <paramref name="phone"/>, no other write for that phone
    /// shares its transaction, so each sees the one before it committed (a new code supersedes the earlier one; a
    /// second verification finds the code used; one account per phone).
    /// </summary>
    /// <param name="cancellationToken">
    /// Withdraws the write while it waits to be taken into a transaction (the task is then cancelled and nothing
    /// ran); ignored once it is taken. Pass <see cref="CancellationToken.None"/> for a write that must be stored
    /// even if the caller has gone.
    /// </param>
    /// <exception cref="ServiceBusyException">Too many writes were waiting, or this one waited too long.</exception>
    Task<TResult> RunAsync<TResult>(PhoneNumber? phone, Func<IOtpTransaction, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="RunAsync{TResult}(PhoneNumber?, Func{IOtpTransaction, CancellationToken, Task{TResult}}, CancellationToken)"/>,
    /// telling the count windows the work will read (<see cref="CountRead"/>) so that the transaction can read them
    /// together with its other writes'. A writer that reads them one at a time may ignore them.
    /// </summary>
    Task<TResult> RunAsync<TResult>(
        PhoneNumber? phone, IReadOnlyList<CountRead> counts, Func<IOtpTransaction, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken) =>
        RunAsync(phone, work, cancellationToken);

    /// <summary>
    /// Runs a write that completes one the writer already took (the provider's answer about a code it stored and
    /// sent): never refused as busy and never withdrawn, it waits for room in the queue, ahead of new writes. Refusing
    /// it would lose what already happened: an SMS went out whose code could never be verified.
    /// </summary>
    /// <param name="phone">
    /// The phone whose tokens the work reads, if it knows it: the transaction can then read them together with its
    /// other writes' (one query instead of one a write). Unlike <c>RunAsync</c>'s, it is not claimed:
    /// a follow-up never waits for another write of its phone.
    /// </param>
    /// <param name="work">The write.</param>
    Task<TResult> RunFollowUpAsync<TResult>(PhoneNumber? phone, Func<IOtpTransaction, CancellationToken, Task<TResult>> work);
}
