namespace Pilito.Application.Common.Errors;

/// <summary>The service-wide hourly SMS budget is spent: sending pauses until the window moves on.</summary>
public sealed class SmsBudgetExhaustedException(TimeSpan retryAfter)
    : PilitoException("SMS sending is temporarily paused. Please try again later.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
