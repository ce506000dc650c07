namespace Pilito.Infrastructure.Persistence;

/// <summary>
/// Codes sent in one minute by one scope: the whole service (the hourly budget) or one client address. The hourly
/// limits add up the last sixty-one of these minutes instead of counting tokens, so a busy hour costs no more to
/// check than a quiet one.
/// </summary>
public sealed class OtpSendCount
{
    public required string Scope { get; init; }

    /// <summary>The client address for an address scope; empty for the service (see <see cref="Application.Common.Writes.SendScope"/>).</summary>
    public required string Key { get; init; }

    public DateTimeOffset MinuteStart { get; init; }

    public int Count { get; set; }
}
