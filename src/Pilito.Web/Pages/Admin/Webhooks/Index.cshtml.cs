using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pilito.Application.Admin.ListWebhookMessages;
using Pilito.Application.Admin.RetryWebhookMessage;
using Pilito.Domain.Webhooks;
using Pilito.Web.Admin;

namespace Pilito.Web.Pages.Admin.Webhooks;

/// <summary>Recent webhook deliveries with their state, and staff's retry of one that was delivered or given up.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    public IReadOnlyList<WebhookMessage> Messages { get; private set; } = [];

    public static IReadOnlyList<WebhookStatus> Statuses { get; } = Enum.GetValues<WebhookStatus>();

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // An unknown status in the address shows every message rather than an error: it is only a filter.
        var status = Enum.TryParse<WebhookStatus>(Status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : (WebhookStatus?)null;
        Messages = await sender.Send(new ListWebhookMessagesQuery(status), cancellationToken);
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken)
    {
        var outcome = await sender.Send(new RetryWebhookMessageCommand(id, StaffActors.Of(HttpContext)), cancellationToken);
        if (outcome == RetryWebhookOutcome.NotFound)
            return NotFound();
        Notice = outcome == RetryWebhookOutcome.Retried ? "The message will be sent again within moments." : "The message is already waiting to be sent.";
        return LocalRedirect(AdminPaths.Webhooks);
    }
}
