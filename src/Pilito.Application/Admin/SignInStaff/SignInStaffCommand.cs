using Mediator;

namespace Pilito.Application.Admin.SignInStaff;

/// <summary>A staff member's email and password from the admin sign-in page.</summary>
/// <param name="ClientIp">The client's address as the proxy settings resolve it; null when the peer has none.</param>
public sealed record SignInStaffCommand(string? Email, string? Password, string? ClientIp) : ICommand<StaffSignInResult>;
