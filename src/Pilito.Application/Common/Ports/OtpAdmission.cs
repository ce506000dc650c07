namespace Pilito.Application.Common.Ports;

/// <summary>Whether a new code was admitted; when not, the oldest code that still counts against the limit.</summary>
public sealed record OtpAdmission(bool Admitted, DateTimeOffset? OldestInWindow)
{
    public static OtpAdmission Accepted { get; } = new(true, null);

    public static OtpAdmission Refused(DateTimeOffset oldestInWindow) => new(false, oldestInWindow);
}
