namespace Pilito.Web.Admin;

public static class AdminPaths
{
    public const string Dashboard = "/admin/";
    public const string OtpTokens = "/admin/accounts/otptoken/";
    public const string Users = "/admin/accounts/user/";
    public const string Diagnostics = "/admin/diagnostics/";
    public const string Audit = "/admin/audit/";

    public static string OtpToken(long id) => FormattableString.Invariant($"/admin/accounts/otptoken/{id}/");
}
