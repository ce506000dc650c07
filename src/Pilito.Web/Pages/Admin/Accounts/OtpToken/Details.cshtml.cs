using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pilito.Application.Admin.GetOtpToken;
using Pilito.Application.Admin.InvalidateOtpToken;
using Pilito.Application.Common.Errors;
using Pilito.Application.Otp.CheckDeliveryStatus;
using Pilito.Web.Admin;

namespace Pilito.Web.Pages.Admin.Accounts.OtpToken;

public sealed class DetailsModel(ISender sender) : PageModel
{
    public const string NotFoundMessage = "There is no such OTP token.";
    public const string NotTrackableMessage = "This SMS cannot be tracked: Kavenegar gave no message id for it, or it was not sent through Kavenegar.";
    public const string NoAnswerMessage = "Kavenegar gave no delivery status; nothing was recorded:";

    /// <summary>Null when there is no such token: the page then says so (404).</summary>
    public OtpTokenDetails? Token { get; private set; }

    /// <summary>What the last action did, read from the redirect's query string (Post-Redirect-Get).</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    /// <summary>A refusal of this request's action, shown on the page (an English text key of the .resx files).</summary>
    public string? Problem { get; private set; }

    /// <summary>Details from the provider that go with <see cref="Problem"/>, as it gave them.</summary>
    public string? ProblemDetail { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await ShowAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostInvalidateAsync(long id, CancellationToken cancellationToken)
    {
        var outcome = await sender.Send(new InvalidateOtpTokenCommand(id, StaffActors.Of(HttpContext)), cancellationToken);
        return outcome == InvalidateOtpTokenOutcome.NotFound
            ? await ShowAsync(id, cancellationToken)
            : LocalRedirect(AdminPaths.OtpToken(id) + "?done=" + (outcome == InvalidateOtpTokenOutcome.Invalidated ? "invalidated" : "settled"));
    }

    /// <summary>Asks Kavenegar (sms/status) what became of the SMS; the token records the answer.</summary>
    public async Task<IActionResult> OnPostCheckDeliveryAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            var result = await sender.Send(new CheckDeliveryStatusCommand(id, StaffActors.Of(HttpContext)), cancellationToken);
            if (result.Status is not null)
                return LocalRedirect(AdminPaths.OtpToken(id) + "?done=delivery-checked");
            // Nothing learned (Kavenegar unreachable, or no entry for the id): say why, without a redirect to carry it.
            Problem = NoAnswerMessage;
            ProblemDetail = result.StatusText;
        }
        catch (DeliveryNotTrackableException)
        {
            Problem = NotTrackableMessage;
        }
        catch (OtpTokenNotFoundException)
        {
            // ShowAsync answers 404 with its own text.
        }

        return await ShowAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(long id, CancellationToken cancellationToken)
    {
        Token = await sender.Send(new GetOtpTokenQuery(id), cancellationToken);
        if (Token is not null)
            return Page();
        Done = null;
        Problem = NotFoundMessage;
        ProblemDetail = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
