namespace Pilito.Application.Common.Errors;

/// <summary>The Retry-After of a refusal: until the limit frees up; a second when it already has (a clock edge).</summary>
public static class RetryAfter
{
    public static TimeSpan Until(DateTimeOffset freesUpAt, DateTimeOffset now)
    {
        var wait = freesUpAt - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }
}
