using System.Net;

namespace MaoOcr.Appliance.Configuration;

/// <summary>Server:TrustedProxies as networks: an address alone is a network of that one address (/32, /128).</summary>
public static class TrustedProxyNetworks
{
    /// <summary>Parses every entry.</summary>
    /// <exception cref="ArgumentException">An entry is neither an IP address nor a CIDR network; the message names it.</exception>
    public static IReadOnlyList<IPNetwork> Parse(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var networks = new List<IPNetwork>();
        foreach (string entry in entries)
        {
            ReadOnlySpan<char> text = entry.AsSpan().Trim();
            if (text.Contains('/') ? IPNetwork.TryParse(text, out IPNetwork network) : TryParseAddress(text, out network))
            {
                // .NET clears bits past the prefix (10.0.0.5/8 becomes 10.0.0.0/8): that is a typo for one address or
                // another network, and trusting a whole /8 by mistake is not a risk to take quietly.
                if (text.Contains('/') && !IPAddress.Parse(text[..text.IndexOf('/')]).Equals(network.BaseAddress))
                {
                    throw new ArgumentException(
                        $"Server:TrustedProxies entry '{entry}' has bits set past its prefix: write {network} for the network, or the address alone.");
                }
                networks.Add(AsIPv4(network));
                continue;
            }
            throw new ArgumentException(
                $"Server:TrustedProxies entry '{entry}' is not an IP address or a CIDR network (for example 10.0.0.5, 10.0.0.0/24, fd00::/8); a network's address must have no bits set past its prefix.");
        }
        return networks;
    }

    /// <summary>
    /// An IPv4-mapped entry (::ffff:10.0.0.2, ::ffff:10.0.0.0/120) as the IPv4 network it names: peers are compared as
    /// IPv4 (a dual-stack socket reports an IPv4 balancer as mapped, and the check maps it back), so a mapped entry
    /// would otherwise never match.
    /// </summary>
    private static IPNetwork AsIPv4(IPNetwork network)
    {
        const int MappedPrefix = 96;
        return network.BaseAddress.IsIPv4MappedToIPv6 && network.PrefixLength >= MappedPrefix
            ? new IPNetwork(network.BaseAddress.MapToIPv4(), network.PrefixLength - MappedPrefix)
            : network;
    }

    private static bool TryParseAddress(ReadOnlySpan<char> text, out IPNetwork network)
    {
        network = default;
        if (!IPAddress.TryParse(text, out IPAddress? address))
        {
            return false;
        }
        network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }
}
