using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Application.Common.Options;

namespace Pilito.Application.Admin.TwoFactor;

/// <summary>
/// Who must sign in with an authenticator app. The Admin role must while Admin:RequireTwoFactor is on: it can send
/// SMS that cost credit to any number and will manage staff. The Staff role may enrol but is not made to, as the issue
/// asks; an operator who wants every staff member on two factors gives them the Admin role's rule by changing this one
/// method (docs/admin.md).
/// </summary>
public static class StaffTwoFactorRule
{
    /// <summary>Recovery codes handed out at enrolment and at each renewal.</summary>
    public const int RecoveryCodeCount = 10;

    public static bool IsRequired(IEnumerable<string> roles, StaffTwoFactorOptions options)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(options);
        return options.TwoFactorRequired && roles.Contains(StaffRoles.Admin, StringComparer.Ordinal);
    }
}
