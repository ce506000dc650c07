using Pilito.Domain.Otp;

namespace Pilito.Application.Otp.RequestOtp;

public enum OtpRefusal
{
    None,

    /// <summary>The phone reached Otp:MaxSendsPerWindow.</summary>
    Phone,

    /// <summary>The phone's next code must wait its resend delay (Otp:ResendDelays).</summary>
    ResendDelay,

    /// <summary>The phone reached Otp:MaxSendsPerPhonePerDay.</summary>
    PhoneDaily,

    /// <summary>The client network reached Otp:MaxSendsPerIpPerHour.</summary>
    Address,

    /// <summary>The destination prefix reached its share of the hourly budget (Otp:MaxPrefixShareOfBudget).</summary>
    Prefix,

    /// <summary>The service reached Otp:MaxSendsPerHour.</summary>
    Budget,

    /// <summary>Under pressure (Challenge:PressureShare) without a solved, unspent challenge.</summary>
    ChallengeRequired,

    /// <summary>A phone change for an account that no longer exists.</summary>
    UnknownAccount,

    /// <summary>A phone change for an account staff locked.</summary>
    AccountLocked,

    /// <summary>A phone change to the number the account already has.</summary>
    SamePhone,
}

/// <summary>
/// Whether a new code was admitted (then the stored token, and whether it took the service past the budget warning);
/// when not, which limit refused it and when that limit lets the phone's next code through.
/// </summary>
public sealed record OtpAdmission(OtpRefusal Refusal, DateTimeOffset? FreesUpAt, OtpToken? Token, bool BudgetWarning = false)
{
    public bool Admitted => Refusal == OtpRefusal.None;

    public static OtpAdmission Accepted(OtpToken token, bool budgetWarning) => new(OtpRefusal.None, null, token, budgetWarning);

    public static OtpAdmission Refused(OtpRefusal refusal, DateTimeOffset freesUpAt) => new(refusal, freesUpAt, null);
}
