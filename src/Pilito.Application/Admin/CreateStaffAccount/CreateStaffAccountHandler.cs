using Mediator;
using Microsoft.Extensions.Logging;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Admin.CreateStaffAccount;

public sealed class CreateStaffAccountHandler(
    IUserAdministration users,
    TimeProvider clock,
    ILogger<CreateStaffAccountHandler> logger) : ICommandHandler<CreateStaffAccountCommand, CreateStaffAccountResult>
{
    public async ValueTask<CreateStaffAccountResult> Handle(CreateStaffAccountCommand command, CancellationToken cancellationToken)
    {
        // The validator has required both.
        var result = await users.CreateStaffAccountAsync(command.Email!.Trim(), command.Password!, command.Role,
            clock.GetUtcNow(), cancellationToken);
        if (result.Outcome == CreateStaffAccountOutcome.Created)
            logger.LogInformation("Staff account created with role {Role}", command.Role);
        return result;
    }
}
