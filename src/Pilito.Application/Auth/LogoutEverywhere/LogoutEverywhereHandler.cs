using Mediator;
using Pilito.Application.Auth.Sessions;

namespace Pilito.Application.Auth.LogoutEverywhere;

public sealed class LogoutEverywhereHandler(AccountSessions sessions) : ICommandHandler<LogoutEverywhereCommand, int>
{
    public async ValueTask<int> Handle(LogoutEverywhereCommand command, CancellationToken cancellationToken) =>
        await sessions.EndAllAsync(command.UserId, "logout_all", cancellationToken);
}
