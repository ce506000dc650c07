using Mediator;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Admin.GetSmsAccount;

public sealed class GetSmsAccountHandler(ISmsProviderAccount account) : IQueryHandler<GetSmsAccountQuery, SmsAccountSummary>
{
    public async ValueTask<SmsAccountSummary> Handle(GetSmsAccountQuery query, CancellationToken cancellationToken)
    {
        var status = await account.GetStatusAsync(query.Fresh, cancellationToken);
        return new SmsAccountSummary(status.Applicable, status.RemainingCredit, status.ExpiresAt, status.Problem,
            status.CheckedAt, account.LowCreditThreshold);
    }
}
