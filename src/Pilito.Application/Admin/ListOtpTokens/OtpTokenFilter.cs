using Pilito.Application.Admin.Common;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Admin.ListOtpTokens;

/// <summary>What the token list port is asked for, already parsed.</summary>
public sealed record OtpTokenFilter(
    PhoneNumber? Phone,
    OtpStatus? Status,
    DateTimeOffset? CreatedFrom,
    DateTimeOffset? CreatedBefore,
    OtpTokenSort Sort,
    bool Ascending,
    PageRequest Page);
