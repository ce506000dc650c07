using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Application.Admin.GetSmsAccount;
using Pilito.Application.Diagnostics.CheckOtpConfig;
using Pilito.Application.Diagnostics.TestSms;
using Pilito.Web.Admin;

namespace Pilito.Web.Pages.Admin.Diagnostics;

/// <summary>
/// check-otp-config and test-kavenegar in the browser. Every staff member sees the checks; only the Admin role may
/// send a test SMS, since it is a real message that costs credit.
/// </summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    public static IReadOnlyList<string> Methods { get; } = ["send", "lookup", "both"];

    public CheckOtpConfigResult Checks { get; private set; } = null!;

    /// <summary>Whether <see cref="Checks"/> include the live probe of Kavenegar.</summary>
    public bool Online { get; private set; }

    public IReadOnlyList<SmsAccountSummary> SmsAccounts { get; private set; } = [];

    [BindProperty]
    public TestSmsForm TestSms { get; set; } = new();

    /// <summary>The provider's answers to the test SMS just sent, one per method; null before a send.</summary>
    public TestSmsResult? TestSmsResult { get; private set; }

    public bool MaySendTestSms => User.IsInRole(StaffRoles.Admin);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(online: false, cancellationToken);

    /// <summary>"Check Kavenegar now": also asks Kavenegar (account/info, sends nothing).</summary>
    public async Task OnPostCheckAsync(CancellationToken cancellationToken) => await LoadAsync(online: true, cancellationToken);

    /// <summary>
    /// Sends a real SMS and shows Kavenegar's answers on this response: there is nothing to redirect to, and the browser
    /// asks before it would post the form again.
    /// </summary>
    public async Task<IActionResult> OnPostTestSmsAsync(CancellationToken cancellationToken)
    {
        if (!MaySendTestSms)
            return Forbid(IdentityConstants.ApplicationScheme); // to /admin/access-denied (403), as for any refused staff page
        try
        {
            TestSmsResult = await sender.Send(new TestSmsCommand(TestSms.Receptor, TestSms.Method,
                string.IsNullOrWhiteSpace(TestSms.Message) ? null : TestSms.Message, StaffActors.Of(HttpContext),
                string.IsNullOrEmpty(TestSms.Provider) ? null : TestSms.Provider), cancellationToken);
        }
        catch (ValidationException e)
        {
            foreach (var failure in e.Errors)
                ModelState.AddModelError($"{nameof(TestSms)}.{failure.PropertyName}", failure.ErrorMessage);
        }

        await LoadAsync(online: false, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(bool online, CancellationToken cancellationToken)
    {
        Online = online;
        Checks = await sender.Send(new CheckOtpConfigQuery(online), cancellationToken);
        // After the probe the account's cached answer is the one just fetched, so both agree.
        SmsAccounts = await sender.Send(new GetSmsAccountQuery(Fresh: false), cancellationToken);
    }
}
