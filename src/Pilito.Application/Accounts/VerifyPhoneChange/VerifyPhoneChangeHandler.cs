using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Telemetry;
using Pilito.Application.Common.Writes;
using Pilito.Application.Otp.VerifyOtp;
using Pilito.Application.Webhooks;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Accounts.VerifyPhoneChange;

/// <summary>
/// Checks a phone-change code as a sign-in code is checked (<see cref="CodeCheck"/>: the same caps, attempts and lock,
/// but only a code issued for this account's change verifies), then moves the account and ends its other sessions,
/// all in one write: the code is spent, the number taken and the sessions revoked together or not at all.
/// </summary>
public sealed class VerifyPhoneChangeHandler(
    IOtpWriter writer,
    IOtpCodeHasher hasher,
    WebhookEvents events,
    IOptions<OtpOptions> options,
    TimeProvider clock,
    OtpMetrics metrics,
    ILogger<VerifyPhoneChangeHandler> logger) : ICommandHandler<VerifyPhoneChangeCommand, VerifyPhoneChangeResult>
{
    public async ValueTask<VerifyPhoneChangeResult> Handle(VerifyPhoneChangeCommand command, CancellationToken cancellationToken)
    {
        var otp = options.Value;
        var phone = PhoneNumber.Parse(command.PhoneNumber); // the validator has accepted it
        var code = OtpCode.Normalize(command.Code) ?? throw new InvalidOtpException();
        var network = ClientNetwork.Of(command.ClientIp, otp.Ipv6PrefixLength);
        var attempt = new CodeAttempt(phone, hasher.Hash(phone, code), clock.GetUtcNow(), network, command.VerificationId, command.UserId);

        // Claimed for the new number: a sign-up or another account's change to it never shares this write's round,
        // and across instances the database's isolation orders them, so exactly one of them gets the number.
        var move = await writer.RunAsync(phone, CodeCheck.CountsRead(attempt), (transaction, ct) => MoveAsync(transaction, attempt, command.SessionId, ct), cancellationToken);
        switch (move.Account)
        {
            case AccountState.Unknown:
                throw new UnknownUserException();
            case AccountState.Locked:
                throw new AccountLockedException();
        }

        CodeCheck.Conclude(move.Code!, attempt, otp, metrics, logger);
        if (move.User is not { } user)
        {
            logger.LogInformation("Phone change of user {UserId} to {Phone} refused: another account holds the number", command.UserId, phone);
            throw new PhoneNumberTakenException();
        }

        logger.LogInformation("User {UserId} moved to {Phone}; {Count} other sessions ended", user.Id, phone, move.SessionsEnded);
        return new VerifyPhoneChangeResult(user, move.SessionsEnded);
    }

    /// <summary>
    /// The account first (gone or locked: refused before the code is tried, nothing counted), then the code, then
    /// the number: held by another account, nothing moves (the code is spent all the same: it proved the number).
    /// </summary>
    private async Task<Move> MoveAsync(IOtpTransaction transaction, CodeAttempt attempt, Guid? keptSession, CancellationToken cancellationToken)
    {
        var accountId = attempt.PhoneChangeAccountId!.Value;
        var account = await transaction.FindAccountAsync(accountId, attempt.At, cancellationToken);
        if (account is null)
            return new Move(AccountState.Unknown, null, null);
        if (account.IsLocked)
            return new Move(AccountState.Locked, null, null);

        var code = await CodeCheck.RunAsync(transaction, attempt, options.Value, events, cancellationToken);
        if (!code.Verified)
            return new Move(AccountState.Usable, code, null);

        var holder = await transaction.FindAccountAsync(attempt.Phone, attempt.At, cancellationToken);
        if (holder is not null && holder.Id != account.Id)
            return new Move(AccountState.Usable, code, null);
        var moved = holder is null ? transaction.ChangeAccountPhone(account, attempt.Phone, attempt.At) : holder;
        events.OtpVerified(transaction, code.Token!, account.Id, attempt.At);

        // Whoever held the old number's sessions may not keep the account: every session but the one asking ends.
        var ending = (await transaction.FindUnrevokedRefreshTokensAsync(accountId, cancellationToken)).Where(t => t.FamilyId != keptSession).ToList();
        foreach (var token in ending)
            token.Revoke(attempt.At);
        events.SessionsRevoked(transaction, ending, "phone_changed", attempt.At);
        return new Move(AccountState.Usable, code, moved) { SessionsEnded = ending.Select(t => t.FamilyId).Distinct().Count() };
    }

    private enum AccountState
    {
        Usable,
        Unknown,
        Locked,
    }

    /// <param name="User">The moved account; null when the code failed or another account holds the number.</param>
    private sealed record Move(AccountState Account, CheckedCode? Code, UserAccount? User)
    {
        public int SessionsEnded { get; init; }
    }
}
