using Mediator;

namespace Pilito.Application.Accounts.VerifyPhoneChange;

/// <summary>Moves the signed-in account to the phone its code was sent to (<c>POST /api/v1/usr/phone/verify</c>).</summary>
/// <param name="UserId">The signed-in account (the access token's subject).</param>
/// <param name="SessionId">
/// The refresh family of the access token that asks (its <c>sid</c>): kept, while the account's other sessions end.
/// Null for a token issued before sessions were named: then every session ends.
/// </param>
/// <param name="VerificationId">The handle the phone-change request was answered with; null from old clients.</param>
/// <param name="ClientIp">The caller's address: failures are counted per client network, as for sign-in.</param>
public sealed record VerifyPhoneChangeCommand(
    Guid UserId, Guid? SessionId, string? PhoneNumber, string? Code, string? VerificationId = null, string? ClientIp = null)
    : ICommand<VerifyPhoneChangeResult>;
