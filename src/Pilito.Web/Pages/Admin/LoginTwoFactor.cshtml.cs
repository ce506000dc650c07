using Mediator;
using Microsoft.AspNetCore.Identity;
using Pilito.Application.Admin.RecordStaffAction;
using Pilito.Domain.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pilito.Infrastructure.Identity;
using Pilito.Web.Admin;

namespace Pilito.Web.Pages.Admin;

/// <summary>
/// The second sign-in step of a staff member with two-factor on. The password step left only Identity's two-factor
/// cookie, which names the account and opens no admin page; a right code here issues the staff cookie (through the
/// same OnSigningIn hook, so the session gets its sign-in time). Wrong codes count toward Identity's lockout:
/// only someone who had the password gets here.
/// </summary>
public sealed class LoginTwoFactorModel(SignInManager<PilitoUser> signIn, ISender sender, ILogger<LoginTwoFactorModel> logger) : PageModel
{
    /// <summary>One answer to a wrong, spent or malformed code and to a locked account: the password was right, but a
    /// guesser learns nothing from the difference.</summary>
    public const string InvalidCode = "The code is not valid.";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Next { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? BackToLogin() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
            return BackToLogin(); // no password step, or it is older than its five minutes

        var typed = TwoFactorCodeInput.Read(Code);
        var result = typed switch
        {
            null => Microsoft.AspNetCore.Identity.SignInResult.Failed,
            { IsAuthenticatorCode: true } => await signIn.TwoFactorAuthenticatorSignInAsync(typed.Value, isPersistent: false, rememberClient: false),
            _ => await RecoveryCodeSignInAsync(user, typed.Value),
        };
        var method = typed is { IsAuthenticatorCode: false } ? "a recovery code" : "an authenticator code";
        if (result.Succeeded)
        {
            logger.LogInformation("Staff {UserId} {StaffEmail} signed in to the admin pages with {Method}", user.Id, user.Email, method);
            await RecordAsync(user, StaffAuditAction.SignIn);
            if (typed is { IsAuthenticatorCode: false })
                await RecordAsync(user, StaffAuditAction.RecoveryCodeUsed);
            return LocalRedirect(Url.IsLocalUrl(Next) ? Next : AdminPaths.Dashboard);
        }

        logger.LogWarning("Staff second sign-in step refused for {UserId} {StaffEmail} ({Method}): {Reason}", user.Id, user.Email, method,
            result.IsLockedOut ? "locked out" : "wrong code");
        await RecordAsync(user, StaffAuditAction.SignInFailed);
        Error = InvalidCode;
        return Page();
    }

    /// <summary>
    /// Identity's recovery-code sign-in neither checks the lockout nor counts a wrong code ("codes are expected to be
    /// random"): a locked account could still get in with one, and guesses would be free. Staff get the authenticator's limits.
    /// </summary>
    private async Task<Microsoft.AspNetCore.Identity.SignInResult> RecoveryCodeSignInAsync(PilitoUser user, string code)
    {
        var users = signIn.UserManager;
        if (await users.IsLockedOutAsync(user))
            return Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
            return result;
        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user) ? Microsoft.AspNetCore.Identity.SignInResult.LockedOut : result;
    }

    /// <summary>Not signed in yet when the code is checked: the member is the one the two-factor cookie names.</summary>
    private async Task RecordAsync(PilitoUser user, StaffAuditAction action) =>
        await sender.Send(new RecordStaffActionCommand(StaffActors.Anonymous(HttpContext, user.Id, user.Email), action), HttpContext.RequestAborted);

    private LocalRedirectResult BackToLogin() => LocalRedirect(Url.IsLocalUrl(Next)
        ? $"{AdminAuthentication.LoginPath}?next={Uri.EscapeDataString(Next)}"
        : AdminAuthentication.LoginPath);
}
