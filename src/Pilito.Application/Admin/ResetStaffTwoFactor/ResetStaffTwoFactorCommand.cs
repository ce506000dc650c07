using Mediator;

namespace Pilito.Application.Admin.ResetStaffTwoFactor;

/// <summary>A staff member lost their authenticator: turn their two-factor sign-in off and end their sessions.</summary>
public sealed record ResetStaffTwoFactorCommand(string? Email) : ICommand<ResetStaffTwoFactorOutcome>;
