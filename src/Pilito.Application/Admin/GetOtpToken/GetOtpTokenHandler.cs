using Mediator;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Admin.GetOtpToken;

public sealed class GetOtpTokenHandler(IOtpTokenQueries tokens) : IQueryHandler<GetOtpTokenQuery, OtpTokenDetails?>
{
    public async ValueTask<OtpTokenDetails?> Handle(GetOtpTokenQuery query, CancellationToken cancellationToken) =>
        await tokens.GetAsync(query.Id, cancellationToken);
}
