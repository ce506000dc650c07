using Mediator;
using Microsoft.Extensions.Logging;
using Pilito.Application.Admin.Audit;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Audit;

namespace Pilito.Application.Admin.SignInStaff;

public sealed class SignInStaffHandler(
    StaffSignInThrottle throttle,
    IStaffCredentials credentials,
    StaffAuditRecorder audit,
    ILogger<SignInStaffHandler> logger) : ICommandHandler<SignInStaffCommand, StaffSignInResult>
{
    /// <summary>Longer emails are no staff member's; they are refused unchecked, as an empty field is.</summary>
    public const int MaxEmailLength = 256;

    public async ValueTask<StaffSignInResult> Handle(SignInStaffCommand command, CancellationToken cancellationToken)
    {
        var email = command.Email?.Trim() ?? string.Empty;
        var reservation = await throttle.ReserveAsync(email, command.ClientIp, cancellationToken);
        if (reservation.RetryAfter is { } retryAfter)
        {
            // Not audited: a paused attempt checked nothing, and a flood of them must not grow the audit table.
            logger.LogWarning("Staff sign-in paused for {ClientNetwork}: too many failed sign-ins", reservation.Network);
            return new StaffSignInResult(StaffSignInOutcome.Paused, retryAfter);
        }

        var check = email.Length is 0 or > MaxEmailLength || string.IsNullOrEmpty(command.Password)
            ? new StaffCredentialCheck(StaffSignInOutcome.Refused)
            : await credentials.SignInAsync(email, command.Password, cancellationToken);
        var actor = new StaffActor(check.StaffId, check.StaffEmail ?? email, command.ClientIp);
        switch (check.Outcome)
        {
            case StaffSignInOutcome.Refused:
                await audit.RecordAsync(actor, StaffAuditAction.SignInFailed, null);
                break;
            case StaffSignInOutcome.SignedIn:
                await throttle.ReleaseAsync(reservation);
                await audit.RecordAsync(actor, StaffAuditAction.SignIn, null);
                break;
            default: // the second step records the sign-in, or its failure
                await throttle.ReleaseAsync(reservation);
                break;
        }

        return new StaffSignInResult(check.Outcome);
    }
}
