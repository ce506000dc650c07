namespace Pilito.Application.Common.Writes;

/// <summary>What a count of sent codes is kept for: the whole service (the hourly budget) or one client address.</summary>
/// <param name="Name">The kind of scope, as stored.</param>
/// <param name="Key">The client address for an address scope; empty for the service.</param>
public sealed record SendScope(string Name, string Key)
{
    public static SendScope Service { get; } = new("service", string.Empty);

    public static SendScope Address(string clientIp) => new("address", clientIp);
}
