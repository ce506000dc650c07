using Mediator;
using Microsoft.Extensions.Logging;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Admin.SignInStaff;

public sealed class SignInStaffHandler(StaffSignInThrottle throttle, IStaffCredentials credentials, ILogger<SignInStaffHandler> logger)
    : ICommandHandler<SignInStaffCommand, StaffSignInResult>
{
    /// <summary>Longer emails are no staff member's; they are refused unchecked, as an empty field is.</summary>
    public const int MaxEmailLength = 256;

    public async ValueTask<StaffSignInResult> Handle(SignInStaffCommand command, CancellationToken cancellationToken)
    {
        var email = command.Email?.Trim() ?? string.Empty;
        var reservation = await throttle.ReserveAsync(email, command.ClientIp, cancellationToken);
        if (reservation.RetryAfter is { } retryAfter)
        {
            logger.LogWarning("Staff sign-in paused for {ClientNetwork}: too many failed sign-ins", reservation.Network);
            return new StaffSignInResult(StaffSignInOutcome.Paused, retryAfter);
        }

        var outcome = email.Length is 0 or > MaxEmailLength || string.IsNullOrEmpty(command.Password)
            ? StaffSignInOutcome.Refused
            : await credentials.SignInAsync(email, command.Password, cancellationToken);
        if (outcome == StaffSignInOutcome.Refused)
            logger.LogWarning("Staff sign-in refused from {ClientNetwork}", reservation.Network);
        else
            await throttle.ReleaseAsync(reservation);
        return new StaffSignInResult(outcome);
    }
}
