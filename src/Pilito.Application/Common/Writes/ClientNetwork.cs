using System.Net;
using System.Net.Sockets;

namespace Pilito.Application.Common.Writes;

/// <summary>
/// The network a client's limits are counted for, the way networks are handed out: an IPv4 address alone (one
/// subscriber, or one carrier NAT), an IPv6 address with its prefix (one subscriber gets a whole /64 and can pick any
/// address in it). A peer whose address is unknown (a Unix socket, a test host) is one network of its own, not exempt.
/// </summary>
public sealed record ClientNetwork(string Key)
{
    public static ClientNetwork Unknown { get; } = new("unknown");

    /// <param name="clientIp">The peer's address as text, or null when there is none.</param>
    /// <param name="ipv6PrefixLength">How many leading bits of an IPv6 address name one client.</param>
    public static ClientNetwork Of(string? clientIp, int ipv6PrefixLength)
    {
        if (clientIp is null || !IPAddress.TryParse(clientIp, out var address))
            return Unknown;
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return new ClientNetwork(address.ToString());

        var prefix = Math.Clamp(ipv6PrefixLength, 0, 128);
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < 128; bit++)
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return new ClientNetwork($"{new IPAddress(bytes)}/{prefix}");
    }

    public override string ToString() => Key;
}
