using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Sms;

/// <summary>An SMS provider gave no usable answer: unreachable, too slow, or not its envelope. Never carries an API key.</summary>
public sealed class SmsProviderCallException : Exception
{
    public SmsProviderCallException()
    {
    }

    public SmsProviderCallException(string message)
        : base(message)
    {
    }

    public SmsProviderCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SmsProviderCallException(SmsFailureKind failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public SmsFailureKind Failure { get; } = SmsFailureKind.Unavailable;
}
