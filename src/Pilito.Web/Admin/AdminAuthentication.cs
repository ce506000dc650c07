using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Infrastructure.Identity;

namespace Pilito.Web.Admin;

/// <summary>
/// Staff sign in with email and password into the Identity application cookie. The admin policy authenticates with
/// that cookie only: the API's default scheme (JWT bearer) never opens an admin page, and phone accounts (no password,
/// no staff role) never get in.
/// </summary>
public static class AdminAuthentication
{
    public const string Policy = "Staff";

    /// <summary>Pages for the Admin role only (the audit log): what every staff member did is not every staff member's to read.</summary>
    public const string AdminPolicy = "Admin";
    public const string LoginPath = "/admin/login";
    public const string LogoutPath = "/admin/logout";
    public const string AccessDeniedPath = "/admin/access-denied";
    public const string CookieName = "pilito_admin";
    /// <summary>Wrong authenticator codes before the account locks: only someone who had the password gets this far.</summary>
    public const int MaxFailedSecondSteps = 5;

    /// <summary>Between the password and the second step: names the account only, opens no page.</summary>
    public const string TwoFactorCookieName = "pilito_2fa";
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan TwoFactorStepTime = TimeSpan.FromMinutes(5);

    public static void AddAdminAuthentication(this IServiceCollection services, IHostEnvironment environment)
    {
        var secure = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddAuthentication().AddIdentityCookies();
        new IdentityBuilder(typeof(PilitoUser), typeof(IdentityRole<Guid>), services).AddSignInManager();
        services.Configure<IdentityOptions>(o =>
        {
            o.Lockout.MaxFailedAccessAttempts = MaxFailedSecondSteps;
            o.Lockout.DefaultLockoutTimeSpan = LockoutTime;
        });
        services.AddOptions<StaffTwoFactorOptions>().BindConfiguration(StaffTwoFactorOptions.Section)
            .PostConfigure(o => o.RequireTwoFactor ??= !environment.IsDevelopment()) // the setting overrides
            .ValidateOnStart();
        services.AddOptions<AdminSessionOptions>().BindConfiguration(AdminSessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StaffSignInOptions>().BindConfiguration(StaffSignInOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IStaffCredentials, IdentityStaffCredentials>();
        services.AddOptions<StaffAuditOptions>().BindConfiguration(StaffAuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The stamp is checked on every request, not every 30 minutes: sign-out must end the cookie at once.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<AdminSessionOptions>>((o, session) => o.ExpireTimeSpan = session.Value.SessionIdleTimeout);
        services.ConfigureApplicationCookie(o =>
        {
            o.Events.OnSigningIn = StaffSessionValidator.StampSignInAsync;
            o.Events.OnValidatePrincipal = StaffSessionValidator.ValidateAsync;
            o.LoginPath = LoginPath;
            o.LogoutPath = LogoutPath;
            o.AccessDeniedPath = AccessDeniedPath;
            o.ReturnUrlParameter = "next"; // as Django admin
            o.Cookie.Name = CookieName;
            o.Cookie.Path = "/admin";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;
            o.SlidingExpiration = true;
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = TwoFactorCookieName;
            o.Cookie.Path = "/admin";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;
            o.ExpireTimeSpan = TwoFactorStepTime; // Identity's own: a password step left waiting is soon worth nothing
            o.SlidingExpiration = false;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "pilito_csrf";
            o.Cookie.Path = "/admin";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser()
            .RequireRole(StaffRoles.All))
            .AddPolicy(AdminPolicy, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser()
            .RequireRole(StaffRoles.Admin));
    }
}
