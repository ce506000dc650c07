namespace Pilito.Application.Admin.GetSmsAccount;

/// <param name="Provider">"Kavenegar", "SmsIr"; "Log" for the Log sender, which has no account.</param>
/// <param name="CreditUnit">"Rial" (Kavenegar) or "SMS" (sms.ir).</param>
/// <param name="Applicable">False for the Log sender, which has no account.</param>
/// <param name="RemainingCredit">In <paramref name="CreditUnit"/>; null when the provider gave no figure (see <paramref name="Problem"/>).</param>
/// <param name="Problem">Why there is no figure, in English, or null.</param>
/// <param name="LowCreditThreshold">The provider's LowCreditThreshold setting, in <paramref name="CreditUnit"/>.</param>
public sealed record SmsAccountSummary(
    string Provider,
    string CreditUnit,
    bool Applicable,
    long? RemainingCredit,
    DateTimeOffset? ExpiresAt,
    string? Problem,
    DateTimeOffset CheckedAt,
    long LowCreditThreshold)
{
    public static readonly SmsAccountSummary NotApplicable = new("Log", "Rial", false, null, null, null, DateTimeOffset.MinValue, 0);

    public bool IsLow => Applicable && RemainingCredit is { } credit && credit < LowCreditThreshold;
}
