using Mediator;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Accounts.GetCurrentUser;

public sealed class GetCurrentUserHandler(IUserAccounts users) : IQueryHandler<GetCurrentUserQuery, UserAccount>
{
    public async ValueTask<UserAccount> Handle(GetCurrentUserQuery query, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(query.UserId, cancellationToken) ?? throw new UnknownUserException();
        return user.IsLocked ? throw new AccountLockedException() : user;
    }
}
