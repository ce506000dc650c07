namespace Pilito.Application.Common.Options;

/// <summary>Two-factor sign-in for staff (section Admin, beside the session settings).</summary>
public sealed class StaffTwoFactorOptions
{
    public const string Section = "Admin";

    /// <summary>
    /// Admin:RequireTwoFactor. Unset, the host decides: on everywhere but Development (see Web's AdminAuthentication),
    /// so that a forgotten setting never leaves production admins on a password alone.
    /// </summary>
    public bool? RequireTwoFactor { get; set; }

    /// <summary>The setting as it applies; true when nobody decided (the safe side).</summary>
    public bool TwoFactorRequired => RequireTwoFactor ?? true;
}
