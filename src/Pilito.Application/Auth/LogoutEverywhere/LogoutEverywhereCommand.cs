using Mediator;

namespace Pilito.Application.Auth.LogoutEverywhere;

/// <summary>Ends every session of the signed-in account (see <see cref="Sessions.AccountSessions"/>); answers how many refresh tokens were revoked.</summary>
public sealed record LogoutEverywhereCommand(Guid UserId) : ICommand<int>;
