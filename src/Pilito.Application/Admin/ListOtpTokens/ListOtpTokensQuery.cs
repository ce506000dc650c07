using Mediator;
using Pilito.Application.Admin.Common;
using Pilito.Domain.Otp;

namespace Pilito.Application.Admin.ListOtpTokens;

/// <param name="Phone">A phone number in any accepted format or digit set; exact match after normalizing.</param>
/// <param name="CreatedFrom">Inclusive lower bound of CreatedAt.</param>
/// <param name="CreatedBefore">Exclusive upper bound of CreatedAt.</param>
/// <param name="After">Cursor of the row the page starts after.</param>
/// <param name="Before">Cursor of the row the page ends before.</param>
public sealed record ListOtpTokensQuery(
    string? Phone = null,
    OtpStatus? Status = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedBefore = null,
    OtpTokenSort Sort = OtpTokenSort.Created,
    bool Ascending = false,
    string? After = null,
    string? Before = null,
    int PageSize = PageRequest.DefaultSize) : IQuery<Page<OtpTokenRow>>;
