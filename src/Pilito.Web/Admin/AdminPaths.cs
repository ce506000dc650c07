namespace Pilito.Web.Admin;

public static class AdminPaths
{
    public const string Dashboard = "/admin/";
    public const string OtpTokens = "/admin/accounts/otptoken/";
    public const string Users = "/admin/accounts/user/";
    public const string Diagnostics = "/admin/diagnostics/";
    public const string Audit = "/admin/audit/";
    public const string Webhooks = "/admin/webhooks/";

    /// <summary>The second sign-in step: an authenticator code or a recovery code.</summary>
    public const string TwoFactorSignIn = "/admin/login/two-factor";

    /// <summary>Enrolment, recovery codes and turning two-factor off.</summary>
    public const string TwoFactor = "/admin/account/two-factor/";

    public static string OtpToken(long id) => FormattableString.Invariant($"/admin/accounts/otptoken/{id}/");
}
