using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Pilito.Application.Admin.RecordStaffAction;
using Pilito.Application.Admin.TwoFactor;
using Pilito.Application.Common.Options;
using Pilito.Domain.Audit;
using Pilito.Infrastructure.Identity;
using Pilito.Web.Admin;

namespace Pilito.Web.Pages.Admin.Account;

/// <summary>
/// The signed-in staff member's own two-factor settings: enrol an authenticator app (key, QR code, a first code to
/// confirm), renew recovery codes, turn it off where the rule allows. Identity's UserManager does the work, as the
/// Login and Logout pages do; every change renews the security stamp, so the member's other sessions end, and this
/// one is re-issued with the same sign-in time (RefreshSignInAsync keeps the cookie's properties). Keys and codes
/// go to this page only, never to a log.
/// </summary>
public sealed class TwoFactorModel(SignInManager<PilitoUser> signIn, IOptions<StaffTwoFactorOptions> options,
    ISender sender, ILogger<TwoFactorModel> logger) : PageModel
{
    public const string WrongCode = "The code is not valid. Check the time on your phone and try the next code.";
    public const string CannotTurnOff = "Two-factor sign-in is required for your role: it cannot be turned off.";

    private UserManager<PilitoUser> Users => signIn.UserManager;

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public string? SharedKey { get; private set; }
    public string? QrCode { get; private set; }
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await Users.GetUserAsync(User) is { } user ? await ShowAsync(user) : SignInAgain();

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (await Users.GetUserAsync(User) is not { } user)
            return SignInAgain();
        if (await Users.GetTwoFactorEnabledAsync(user))
            return Redirect(AdminPaths.TwoFactor);
        var typed = TwoFactorCodeInput.Read(Code);
        if (typed is not { IsAuthenticatorCode: true }
            || !await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, typed.Value))
        {
            Error = WrongCode;
            return await ShowAsync(user);
        }

        await Users.SetTwoFactorEnabledAsync(user, true);
        logger.LogInformation("Staff {UserId} turned two-factor sign-in on", user.Id);
        await RecordAsync(StaffAuditAction.TwoFactorEnabled);
        return await ShowNewRecoveryCodesAsync(user);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await Users.GetUserAsync(User) is not { } user)
            return SignInAgain();
        if (!await Users.GetTwoFactorEnabledAsync(user))
            return Redirect(AdminPaths.TwoFactor);
        // New codes void the old: a session opened with a leaked one should end with it.
        await Users.UpdateSecurityStampAsync(user);
        logger.LogInformation("Staff {UserId} renewed their recovery codes", user.Id);
        await RecordAsync(StaffAuditAction.RecoveryCodesRenewed);
        return await ShowNewRecoveryCodesAsync(user);
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await Users.GetUserAsync(User) is not { } user)
            return SignInAgain();
        if (!await Users.GetTwoFactorEnabledAsync(user))
            return Redirect(AdminPaths.TwoFactor);
        if (await IsRequiredAsync(user))
        {
            Error = CannotTurnOff;
            return await ShowAsync(user);
        }

        // A new key too: enrolling again must not bring back the old phone.
        await Users.SetTwoFactorEnabledAsync(user, false);
        await Users.ResetAuthenticatorKeyAsync(user);
        await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await signIn.RefreshSignInAsync(user);
        logger.LogInformation("Staff {UserId} turned two-factor sign-in off", user.Id);
        await RecordAsync(StaffAuditAction.TwoFactorDisabled);
        return Redirect(AdminPaths.TwoFactor + "?done=disabled");
    }

    /// <summary>The member as this request's cookie names them: read before any refreshed cookie replaces it.</summary>
    private async Task RecordAsync(StaffAuditAction action) =>
        await sender.Send(new RecordStaffActionCommand(StaffActors.Of(HttpContext), action), HttpContext.RequestAborted);

    private async Task<IActionResult> ShowNewRecoveryCodesAsync(PilitoUser user)
    {
        NewRecoveryCodes = [.. await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, StaffTwoFactorRule.RecoveryCodeCount) ?? []];
        await signIn.RefreshSignInAsync(user);
        Done = null;
        return await ShowAsync(user);
    }

    private async Task<IActionResult> ShowAsync(PilitoUser user)
    {
        Enabled = await Users.GetTwoFactorEnabledAsync(user);
        Required = await IsRequiredAsync(user);
        RecoveryCodesLeft = Enabled ? await Users.CountRecoveryCodesAsync(user) : 0;
        if (!Enabled)
        {
            var key = await Users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                // The first visit makes the key. Identity renews the stamp with it, so this session is re-issued.
                await Users.ResetAuthenticatorKeyAsync(user);
                await signIn.RefreshSignInAsync(user);
                key = await Users.GetAuthenticatorKeyAsync(user) ?? string.Empty;
            }

            SharedKey = AuthenticatorQrCode.Grouped(key);
            QrCode = AuthenticatorQrCode.PngDataUri(AuthenticatorQrCode.OtpAuthUri(user.Email ?? user.UserName ?? string.Empty, key));
        }

        return Page();
    }

    // The session validator has already ended a session whose account is gone; should one get here, the login page
    // is the answer (Challenge() would name the API's bearer scheme and answer 401).
    private RedirectResult SignInAgain() => Redirect(AdminAuthentication.LoginPath);

    private async Task<bool> IsRequiredAsync(PilitoUser user) => StaffTwoFactorRule.IsRequired(await Users.GetRolesAsync(user), options.Value);
}
