namespace Pilito.Application.Common.Errors;

public sealed class AddressRateLimitedException(TimeSpan retryAfter)
    : PilitoException("Too many requests from this address. Please try again later.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
