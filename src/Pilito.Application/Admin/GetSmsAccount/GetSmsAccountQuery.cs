using Mediator;

namespace Pilito.Application.Admin.GetSmsAccount;

/// <summary>Each listed SMS provider account's credit and expiry for staff pages, in Sms:Providers order.</summary>
/// <param name="Fresh">Ask the providers now; otherwise a recent answer (Kavenegar:CreditCacheDuration …) is reused.</param>
public sealed record GetSmsAccountQuery(bool Fresh = false) : IQuery<IReadOnlyList<SmsAccountSummary>>;
