namespace Pilito.Application.Admin.ResetStaffTwoFactor;

public enum ResetStaffTwoFactorOutcome
{
    /// <summary>Key, recovery codes and the two-factor flag are gone; every session of the account has ended.</summary>
    Reset,

    /// <summary>No staff account has that email (phone accounts have no two-factor sign-in).</summary>
    NotFound,
}
