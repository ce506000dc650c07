namespace Pilito.Application.Admin.GetSmsAccount;

/// <param name="Applicable">False for the Log sender, which has no account.</param>
/// <param name="RemainingCredit">Rial; null when the provider gave no figure (see <paramref name="Problem"/>).</param>
/// <param name="Problem">Why there is no figure, in English, or null.</param>
/// <param name="LowCreditThreshold">Kavenegar:LowCreditThreshold, Rial.</param>
public sealed record SmsAccountSummary(
    bool Applicable,
    long? RemainingCredit,
    DateTimeOffset? ExpiresAt,
    string? Problem,
    DateTimeOffset CheckedAt,
    long LowCreditThreshold)
{
    public bool IsLow => Applicable && RemainingCredit is { } credit && credit < LowCreditThreshold;
}
