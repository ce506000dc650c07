namespace Pilito.Application.Common.Errors;

/// <summary>
/// The service could not take the request's write in time (too many writes waiting, or the database too slow to take
/// them): nothing of it was done, so the client may simply try again after <see cref="RetryAfter"/>.
/// </summary>
public sealed class ServiceBusyException(TimeSpan retryAfter)
    : PilitoException("The service is too busy to take this write; nothing was written.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
