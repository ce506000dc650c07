using Mediator;

namespace Pilito.Application.Admin.GetSmsAccount;

/// <summary>The SMS provider account's credit and expiry for staff pages.</summary>
/// <param name="Fresh">Ask the provider now; otherwise a recent answer (Kavenegar:CreditCacheDuration) is reused.</param>
public sealed record GetSmsAccountQuery(bool Fresh = false) : IQuery<SmsAccountSummary>;
