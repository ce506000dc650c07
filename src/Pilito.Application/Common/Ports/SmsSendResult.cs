using Pilito.Domain.Otp;

namespace Pilito.Application.Common.Ports;

public enum SmsFailureKind
{
    /// <summary>The provider answered and refused (an API status code).</summary>
    Rejected,

    /// <summary>The provider did not answer in time.</summary>
    Timeout,

    /// <summary>The provider could not be reached or answered with something unreadable.</summary>
    Unavailable,
}

public sealed record SmsSendResult(DeliveryReport Report, SmsFailureKind? Failure)
{
    public bool Accepted => Report.Accepted;

    public static SmsSendResult Sent(string provider, string? messageId, int? statusCode) =>
        new(new DeliveryReport(provider, true, messageId, statusCode, null), null);

    public static SmsSendResult Failed(string provider, SmsFailureKind failure, string reason, int? statusCode = null) =>
        new(new DeliveryReport(provider, false, null, statusCode, reason), failure);
}
