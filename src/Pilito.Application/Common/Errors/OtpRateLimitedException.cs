namespace Pilito.Application.Common.Errors;

public sealed class OtpRateLimitedException(TimeSpan window, TimeSpan retryAfter)
    : PilitoException("Too many OTP requests for this phone.")
{
    public TimeSpan Window { get; } = window;
    public TimeSpan RetryAfter { get; } = retryAfter;
}
