namespace Pilito.Application.Common.Ports;

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

/// <summary>Whether a new code was admitted; when not, which limit refused it and the oldest code that still counts against it.</summary>
public sealed record OtpAdmission(OtpRefusal Refusal, DateTimeOffset? OldestInWindow)
{
    public static OtpAdmission Accepted { get; } = new(OtpRefusal.None, null);

    public bool Admitted => Refusal == OtpRefusal.None;

    public static OtpAdmission Refused(OtpRefusal refusal, DateTimeOffset oldestInWindow) => new(refusal, oldestInWindow);
}
