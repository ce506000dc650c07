namespace Pilito.Application.Admin.CreateStaffAccount;

/// <summary>Roles that open the admin pages. Phone accounts have neither.</summary>
public static class StaffRoles
{
    public const string Staff = "Staff";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Staff, Admin];
}
