using Mediator;
using Pilito.Application.Admin.Common;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Phones;

namespace Pilito.Application.Admin.ListUsers;

public sealed class ListUsersHandler(IUserAdministration users, TimeProvider clock) : IQueryHandler<ListUsersQuery, Page<UserRow>>
{
    public async ValueTask<Page<UserRow>> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        var phone = string.IsNullOrWhiteSpace(query.Phone) ? null : PhoneNumber.Parse(query.Phone);
        var page = new PageRequest(PageCursor.ParseOptional(query.After), PageCursor.ParseOptional(query.Before), query.PageSize);
        return await users.ListPhoneAccountsAsync(phone, page, clock.GetUtcNow(), cancellationToken);
    }
}
