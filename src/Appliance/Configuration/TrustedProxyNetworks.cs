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
                networks.Add(network);
                continue;
            }
            throw new ArgumentException(
                $"Server:TrustedProxies entry '{entry}' is not an IP address or a CIDR network (for example 10.0.0.5, 10.0.0.0/24, fd00::/8); a network's address must have no bits set past its prefix.");
        }
        return networks;
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
