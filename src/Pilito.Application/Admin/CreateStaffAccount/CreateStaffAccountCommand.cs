using Mediator;

namespace Pilito.Application.Admin.CreateStaffAccount;

public sealed record CreateStaffAccountCommand(string? Email, string? Password, string Role = StaffRoles.Admin)
    : ICommand<CreateStaffAccountResult>;
