using Mediator;
using Pilito.Application.Admin.Common;

namespace Pilito.Application.Admin.ListUsers;

/// <summary>Phone accounts, newest first; <paramref name="Phone"/> in any accepted format narrows to one.</summary>
public sealed record ListUsersQuery(
    string? Phone = null,
    string? After = null,
    string? Before = null,
    int PageSize = PageRequest.DefaultSize) : IQuery<Page<UserRow>>;
