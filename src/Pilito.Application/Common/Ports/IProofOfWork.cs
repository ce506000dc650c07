namespace Pilito.Application.Common.Ports;

/// <summary>
/// A proof-of-work challenge in the open ALTCHA format (v1, as altcha-lib's <c>altcha-lib/v1</c> createChallenge and
/// verifySolution make and check it, and as the altcha widget solves it): the server signs a challenge, the client
/// searches for the number that produced it and sends it back. Pure CPU: no database, no network, no shared state.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Check"/> is stateless, so on its own it accepts the same solved payload as often as it is sent until
/// the challenge expires. Single use is the caller's job: in the request's write transaction, refuse the request if
/// <see cref="ProofOfWorkCheck.SingleUseKey"/> is already stored, else store it with
/// <see cref="ProofOfWorkCheck.ExpiresAt"/> (a unique index on the key makes two simultaneous uses fail one of them).
/// A key may be deleted once its expiry has passed: from then on <see cref="Check"/> refuses the payload itself.
/// </para>
/// <para>Call it only with <c>Challenge:Enabled</c> on: with it off, the key may be missing and both methods throw.</para>
/// </remarks>
public interface IProofOfWork
{
    /// <summary>A new challenge: a random salt carrying its expiry, a random number, signed under Challenge:HmacKey.</summary>
    ProofOfWorkChallenge CreateChallenge();

    /// <summary>
    /// Checks a client's solution: <paramref name="payload"/> is base64 of the JSON
    /// <c>{"algorithm","challenge","number","salt","signature"}</c> (other members, such as the widget's <c>took</c>,
    /// are ignored). Never throws for any payload, however hostile: anything unreadable is
    /// <see cref="ProofOfWorkFailure.Malformed"/>.
    /// </summary>
    ProofOfWorkCheck Check(string? payload);
}
