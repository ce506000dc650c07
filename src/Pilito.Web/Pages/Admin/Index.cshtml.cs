using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pilito.Application.Admin.GetDashboard;

namespace Pilito.Web.Pages.Admin;

public sealed class IndexModel(ISender sender) : PageModel
{
    public Dashboard Dashboard { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Dashboard = await sender.Send(new GetDashboardQuery(), cancellationToken);
}
