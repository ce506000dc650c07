namespace Pilito.Application.Common.Ports;

/// <summary>The SMS provider account's standing: reachable, key accepted, credit left.</summary>
public interface ISmsProviderAccount
{
    /// <summary>The provider's name as Sms:Providers spells it.</summary>
    string Provider { get; }

    /// <summary>What credit is counted in: "Rial" (Kavenegar) or "SMS" (sms.ir's credits).</summary>
    string CreditUnit { get; }

    /// <param name="fresh">Ask the provider now rather than reuse a recent answer.</param>
    /// <remarks>Callers at the same time share one question to the provider.</remarks>
    Task<SmsAccountStatus> GetStatusAsync(bool fresh, CancellationToken cancellationToken);

    /// <summary>
    /// The last answer, at once: never waits on the provider. When that answer is old (or there is none yet) it asks
    /// again in the background, once however many callers ask meanwhile; until then, the old answer or "not checked
    /// yet".
    /// </summary>
    SmsAccountStatus LastKnown();

    /// <summary>Credit below which staff and readiness are warned (Kavenegar:LowCreditThreshold, SmsIr:LowCreditThreshold).</summary>
    long LowCreditThreshold { get; }
}

/// <param name="Applicable">False when the configured provider has no account (the Log sender).</param>
/// <param name="Answered">The provider answered with its envelope (whatever the status).</param>
/// <param name="ProviderStatus">The provider's own status code (Kavenegar's return.status).</param>
/// <param name="Problem">Why there is no credit figure, in English, or null.</param>
public sealed record SmsAccountStatus(
    bool Applicable,
    bool Answered,
    int? ProviderStatus,
    long? RemainingCredit,
    DateTimeOffset? ExpiresAt,
    string? Problem,
    DateTimeOffset CheckedAt)
{
    public bool KeyAccepted => Answered && Problem is null;
}
