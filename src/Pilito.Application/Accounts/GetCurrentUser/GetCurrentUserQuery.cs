using Mediator;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Accounts.GetCurrentUser;

public sealed record GetCurrentUserQuery(Guid UserId) : IQuery<UserAccount>;
