namespace Pilito.Application.Common.Errors;

/// <summary>The phone reached Otp:MaxVerifyFailuresPerPhonePerHour; answered the same whether or not it has a code.</summary>
public sealed class VerifyCapReachedException(TimeSpan retryAfter)
    : PilitoException("Too many attempts for this phone number. Please try again later.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
