using Mediator;

namespace Pilito.Application.Admin.GetOtpToken;

/// <summary>Every field of one token and its delivery; null when there is no such token.</summary>
public sealed record GetOtpTokenQuery(long Id) : IQuery<OtpTokenDetails?>;
