using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Pilito.Application.Admin.Common;
using Pilito.Application.Admin.ListStaffAudit;
using Pilito.Domain.Audit;
using Pilito.Web.Admin;

namespace Pilito.Web.Pages.Admin.Audit;

/// <summary>
/// The staff audit log, newest first, for the Admin role only (AdminSetup). Filters are in the query string, so a
/// filtered page can be shared as a link; anything odd in it is answered with a warning on the page.
/// </summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    public const string UnknownAction = "Unknown action.";

    public static IReadOnlyList<StaffAuditAction> Actions { get; } = Enum.GetValues<StaffAuditAction>();

    [BindProperty(SupportsGet = true, Name = "staff")]
    public string? Staff { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true, Name = "after")]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true, Name = "before")]
    public string? Before { get; set; }

    public Page<StaffAuditRow> Entries { get; private set; } = new([], null, null);

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        StaffAuditAction? action = null;
        if (!string.IsNullOrEmpty(Action))
        {
            // Names only: a number would pass Enum.TryParse and mean nothing to whoever shares the link.
            if (!Enum.TryParse<StaffAuditAction>(Action, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)
                || int.TryParse(Action, out _))
            {
                Error = UnknownAction;
                return;
            }

            action = parsed;
        }

        try
        {
            Entries = await sender.Send(new ListStaffAuditQuery(Staff, action, After, Before), cancellationToken);
        }
        catch (ValidationException e)
        {
            Error = e.Errors.First().ErrorMessage;
        }
    }

    public string Link(string? after = null, string? before = null)
    {
        var query = new Dictionary<string, string?> { ["staff"] = Staff, ["action"] = Action, ["after"] = after, ["before"] = before };
        return QueryHelpers.AddQueryString(AdminPaths.Audit, query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }
}
