using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Sms.Kavenegar;

/// <summary>Kavenegar gave no usable answer: unreachable, too slow, or not its envelope. Never carries the API key.</summary>
public sealed class KavenegarCallException : Exception
{
    public KavenegarCallException()
    {
    }

    public KavenegarCallException(string message)
        : base(message)
    {
    }

    public KavenegarCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KavenegarCallException(SmsFailureKind failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public SmsFailureKind Failure { get; } = SmsFailureKind.Unavailable;
}
