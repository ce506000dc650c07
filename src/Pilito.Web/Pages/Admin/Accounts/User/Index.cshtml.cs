using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Pilito.Application.Admin.Common;
using Pilito.Application.Admin.ListUsers;
using Pilito.Application.Admin.SetUserLock;
using Pilito.Web.Admin;

namespace Pilito.Web.Pages.Admin.Accounts.User;

public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "after")]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true, Name = "before")]
    public string? Before { get; set; }

    public Page<UserRow> Users { get; private set; } = new([], null, null);

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Users = await sender.Send(new ListUsersQuery(Q, After, Before), cancellationToken);
        }
        catch (ValidationException e)
        {
            Error = e.Errors.First().ErrorMessage;
        }
    }

    public Task<IActionResult> OnPostLockAsync(Guid id, string? returnUrl, CancellationToken cancellationToken) =>
        SetLockAsync(id, locked: true, returnUrl, cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(Guid id, string? returnUrl, CancellationToken cancellationToken) =>
        SetLockAsync(id, locked: false, returnUrl, cancellationToken);

    public string Link(string? after = null, string? before = null)
    {
        var query = new Dictionary<string, string?> { ["q"] = Q, ["after"] = after, ["before"] = before };
        return QueryHelpers.AddQueryString(AdminPaths.Users, query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    private async Task<IActionResult> SetLockAsync(Guid id, bool locked, string? returnUrl, CancellationToken cancellationToken)
    {
        if (!await sender.Send(new SetUserLockCommand(id, locked, StaffActors.Of(HttpContext)), cancellationToken))
            return NotFound();
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : AdminPaths.Users);
    }
}
