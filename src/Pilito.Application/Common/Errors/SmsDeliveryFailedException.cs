using Pilito.Application.Common.Ports;

namespace Pilito.Application.Common.Errors;

public sealed class SmsDeliveryFailedException(SmsFailureKind failure, string reason)
    : PilitoException($"Failed to send OTP: {reason}")
{
    public SmsFailureKind Failure { get; } = failure;
    public string Reason { get; } = reason;
}
