using Pilito.Domain.Otp;

namespace Pilito.Application.Otp.RequestOtp;

public enum OtpRefusal
{
    None,

    /// <summary>The phone reached Otp:MaxSendsPerWindow.</summary>
    Phone,

    /// <summary>The client address reached Otp:MaxSendsPerIpPerHour.</summary>
    Address,

    /// <summary>The service reached Otp:MaxSendsPerHour.</summary>
    Budget,
}

/// <summary>
/// Whether a new code was admitted (then the stored token); when not, which limit refused it and the oldest send that
/// still counts against it (for the hourly limits, the end of its whole minute): one window later, the limit frees up.
/// </summary>
public sealed record OtpAdmission(OtpRefusal Refusal, DateTimeOffset? OldestInWindow, OtpToken? Token)
{
    public bool Admitted => Refusal == OtpRefusal.None;

    public static OtpAdmission Accepted(OtpToken token) => new(OtpRefusal.None, null, token);

    public static OtpAdmission Refused(OtpRefusal refusal, DateTimeOffset oldestInWindow) => new(refusal, oldestInWindow, null);
}
