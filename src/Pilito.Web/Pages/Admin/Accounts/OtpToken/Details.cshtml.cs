using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pilito.Application.Admin.GetOtpToken;
using Pilito.Application.Admin.InvalidateOtpToken;
using Pilito.Web.Admin;

namespace Pilito.Web.Pages.Admin.Accounts.OtpToken;

public sealed class DetailsModel(ISender sender) : PageModel
{
    public OtpTokenDetails Token { get; private set; } = null!;

    /// <summary>What the last action did, read from the redirect's query string (Post-Redirect-Get).</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var token = await sender.Send(new GetOtpTokenQuery(id), cancellationToken);
        if (token is null)
            return NotFound();
        Token = token;
        return Page();
    }

    public async Task<IActionResult> OnPostInvalidateAsync(long id, CancellationToken cancellationToken)
    {
        var outcome = await sender.Send(new InvalidateOtpTokenCommand(id), cancellationToken);
        return outcome == InvalidateOtpTokenOutcome.NotFound
            ? NotFound()
            : LocalRedirect(AdminPaths.OtpToken(id) + "?done=" + (outcome == InvalidateOtpTokenOutcome.Invalidated ? "invalidated" : "settled"));
    }
}
