using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pilito.Application.Admin.GetDashboard;
using Pilito.Application.Admin.GetSmsAccount;

namespace Pilito.Web.Pages.Admin;

public sealed class IndexModel(ISender sender) : PageModel
{
    public Dashboard Dashboard { get; private set; } = null!;

    public IReadOnlyList<SmsAccountSummary> SmsAccounts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Dashboard = await sender.Send(new GetDashboardQuery(), cancellationToken);
        // A cached figure (Kavenegar:CreditCacheDuration), as /health/ready uses: opening the dashboard rarely calls Kavenegar.
        SmsAccounts = await sender.Send(new GetSmsAccountQuery(Fresh: false), cancellationToken);
    }
}
