using Mediator;
using Microsoft.Extensions.Logging;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Admin.ResetStaffTwoFactor;

public sealed class ResetStaffTwoFactorHandler(IUserAdministration users, ILogger<ResetStaffTwoFactorHandler> logger)
    : ICommandHandler<ResetStaffTwoFactorCommand, ResetStaffTwoFactorOutcome>
{
    public async ValueTask<ResetStaffTwoFactorOutcome> Handle(ResetStaffTwoFactorCommand command, CancellationToken cancellationToken)
    {
        // The validator has required the email.
        if (await users.ResetStaffTwoFactorAsync(command.Email!.Trim(), cancellationToken) is not { } userId)
            return ResetStaffTwoFactorOutcome.NotFound;
        logger.LogWarning("Two-factor sign-in reset by an operator for staff {UserId}", userId);
        return ResetStaffTwoFactorOutcome.Reset;
    }
}
