namespace Pilito.Infrastructure.Persistence;

/// <summary>
/// Codes sent in one minute by one scope: the whole service (the hourly budget) or one client address. The hourly
/// limits add up the last sixty-one of these minutes instead of counting tokens, so a busy hour costs no more to
/// check than a quiet one.
/// </summary>
public sealed class OtpSendCount
{
    public const string ServiceScope = "service";
    public const string AddressScope = "address";

    public required string Scope { get; init; }

    /// <summary>The client address for <see cref="AddressScope"/>; empty for <see cref="ServiceScope"/>.</summary>
    public required string Key { get; init; }

    public DateTimeOffset MinuteStart { get; init; }

    public int Count { get; set; }

    public static DateTimeOffset MinuteOf(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
