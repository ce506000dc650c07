using Mediator;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Admin.GetSmsAccount;

public sealed class GetSmsAccountHandler(ISmsProviderAccounts accounts) : IQueryHandler<GetSmsAccountQuery, IReadOnlyList<SmsAccountSummary>>
{
    public async ValueTask<IReadOnlyList<SmsAccountSummary>> Handle(GetSmsAccountQuery query, CancellationToken cancellationToken)
    {
        if (accounts.Listed.Count == 0)
            return [SmsAccountSummary.NotApplicable];
        var summaries = new List<SmsAccountSummary>(accounts.Listed.Count);
        foreach (var account in accounts.Listed)
        {
            var status = await account.GetStatusAsync(query.Fresh, cancellationToken);
            summaries.Add(new SmsAccountSummary(account.Provider, account.CreditUnit, status.Applicable, status.RemainingCredit, status.ExpiresAt,
                status.Problem, status.CheckedAt, account.LowCreditThreshold));
        }

        return summaries;
    }
}
