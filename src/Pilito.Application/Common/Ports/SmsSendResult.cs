using Pilito.Domain.Otp;

namespace Pilito.Application.Common.Ports;

public enum SmsFailureKind
{
    /// <summary>The provider answered and refused (an API status code).</summary>
    Rejected,

    /// <summary>The provider did not answer in time.</summary>
    Timeout,

    /// <summary>The provider answered with something unreadable, or broke off: a message may have gone out.</summary>
    Unavailable,

    /// <summary>The provider could not be reached (no connection, DNS, TLS) or its circuit is open: nothing was sent.</summary>
    Unreachable,
}

public sealed record SmsSendResult(DeliveryReport Report, SmsFailureKind? Failure)
{
    public bool Accepted => Report.Accepted;

    /// <summary>
    /// The provider certainly sent nothing: it refused in a well-formed answer, or it was never reached. Not after a
    /// timeout or an unreadable answer, which may follow a message that went out.
    /// </summary>
    public bool NothingSent => Failure is SmsFailureKind.Rejected or SmsFailureKind.Unreachable;

    public static SmsSendResult Sent(string provider, string? messageId, int? statusCode) =>
        new(new DeliveryReport(provider, true, messageId, statusCode, null), null);

    public static SmsSendResult Failed(string provider, SmsFailureKind failure, string reason, int? statusCode = null) =>
        new(new DeliveryReport(provider, false, null, statusCode, reason), failure);
}
