using Mediator;
using Pilito.Application.Admin.Common;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Phones;

namespace Pilito.Application.Admin.ListOtpTokens;

public sealed class ListOtpTokensHandler(IOtpTokenQueries tokens) : IQueryHandler<ListOtpTokensQuery, Page<OtpTokenRow>>
{
    public async ValueTask<Page<OtpTokenRow>> Handle(ListOtpTokensQuery query, CancellationToken cancellationToken)
    {
        // The validator has accepted the phone and the cursors.
        var phone = string.IsNullOrWhiteSpace(query.Phone) ? null : PhoneNumber.Parse(query.Phone);
        var page = new PageRequest(PageCursor.ParseOptional(query.After), PageCursor.ParseOptional(query.Before), query.PageSize);
        var filter = new OtpTokenFilter(phone, query.Status, query.CreatedFrom, query.CreatedBefore, query.Sort, query.Ascending, page);
        return await tokens.ListAsync(filter, cancellationToken);
    }
}
