using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pilito.Application.Admin.SignInStaff;
using Pilito.Web.Admin;

namespace Pilito.Web.Pages.Admin;

public sealed class LoginModel(ISender sender) : PageModel
{
    /// <summary>
    /// The one answer to every refusal (unknown email, phone account, wrong password, locked account): a different
    /// answer for a locked account would tell a stranger that the email belongs to staff.
    /// </summary>
    public const string InvalidCredentials = "Invalid email or password.";

    /// <summary>The answer once a network has failed too often; it says nothing about the email.</summary>
    public const string Paused = "Too many failed sign-ins from your network. Please try again later.";

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

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new SignInStaffCommand(Email, Password, HttpContext.Connection.RemoteIpAddress?.ToString()), cancellationToken);
        switch (result.Outcome)
        {
            case StaffSignInOutcome.SignedIn:
                return LocalRedirect(Url.IsLocalUrl(Next) ? Next : AdminPaths.Dashboard);
            case StaffSignInOutcome.SecondStepRequired:
                // Right password, two-factor on: Identity set only its short two-factor cookie; the code page finishes.
                return LocalRedirect(Url.IsLocalUrl(Next)
                    ? $"{AdminPaths.TwoFactorSignIn}?next={Uri.EscapeDataString(Next)}"
                    : AdminPaths.TwoFactorSignIn);
            case StaffSignInOutcome.Paused:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = Math.Ceiling(result.RetryAfter!.Value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                Error = Paused;
                return Page();
            default:
                Error = InvalidCredentials;
                return Page();
        }
    }
}
