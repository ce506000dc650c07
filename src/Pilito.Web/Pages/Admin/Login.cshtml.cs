using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Infrastructure.Identity;
using Pilito.Web.Admin;

namespace Pilito.Web.Pages.Admin;

public sealed class LoginModel(SignInManager<PilitoUser> signIn, ILogger<LoginModel> logger) : PageModel
{
    /// <summary>
    /// The one answer to every refusal (unknown email, phone account, wrong password, locked account): a different
    /// answer for a locked account would tell a stranger that the email belongs to staff.
    /// </summary>
    public const string InvalidCredentials = "Invalid email or password.";

    /// <summary>A hash to check refused emails' passwords against, so that they take as long as a staff member's.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<PilitoUser>().HashPassword(new PilitoUser(), Guid.NewGuid().ToString()));

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Next { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await signIn.UserManager.FindByEmailAsync(Email.Trim());
        // Only staff accounts may try a password: phone accounts have none and never get a staff session.
        if (user is null || string.IsNullOrEmpty(Password) || !await IsStaffAsync(user))
        {
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new PilitoUser(), DecoyHash.Value, Password ?? string.Empty);
            Error = InvalidCredentials;
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Staff {UserId} signed in to the admin pages", user.Id);
            return LocalRedirect(Url.IsLocalUrl(Next) ? Next : AdminPaths.Dashboard);
        }

        // Right password, two-factor on: Identity set only its short two-factor cookie; the code page finishes.
        if (result.RequiresTwoFactor)
        {
            return LocalRedirect(Url.IsLocalUrl(Next)
                ? $"{AdminPaths.TwoFactorSignIn}?next={Uri.EscapeDataString(Next)}"
                : AdminPaths.TwoFactorSignIn);
        }

        logger.LogWarning("Staff sign-in refused for {UserId}: {Reason}", user.Id, result.IsLockedOut ? "locked out" : "wrong password");
        Error = InvalidCredentials;
        return Page();
    }

    private async Task<bool> IsStaffAsync(PilitoUser user)
    {
        foreach (var role in StaffRoles.All)
        {
            if (await signIn.UserManager.IsInRoleAsync(user, role))
                return true;
        }

        return false;
    }
}
