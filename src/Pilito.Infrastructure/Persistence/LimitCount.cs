namespace Pilito.Infrastructure.Persistence;

/// <summary>
/// What one scope counted in one minute: codes sent by the service, to a prefix or from a client network; failed
/// verifications of a phone or from a network; refused refreshes. The limits add up the minutes of their window
/// instead of counting rows per event, so a busy hour costs no more to check, or to store, than a quiet one.
/// </summary>
public sealed class LimitCount
{
    public required string Scope { get; init; }

    /// <summary>Which one of the scope's kind (see <see cref="Application.Common.Writes.CountScope"/>); empty for the service.</summary>
    public required string Key { get; init; }

    public DateTimeOffset MinuteStart { get; init; }

    public int Count { get; set; }
}
