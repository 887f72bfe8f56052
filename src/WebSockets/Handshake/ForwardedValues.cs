using System.Globalization;
using System.Net;

namespace MaoOcr.WebSockets.Handshake;

/// <summary>
/// Reads the de facto <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c> values a TLS
/// balancer adds. Each may be a comma-separated list, one element a proxy; only the rightmost element counts, the one
/// the nearest proxy (the trusted balancer) wrote, as ASP.NET Core's ForwardedHeaders middleware does with its default
/// ForwardLimit of 1. Anything to its left came from the client and may be forged. A value that is not well formed gives
/// false, and the caller falls back to what the connection itself says.
/// </summary>
public static class ForwardedValues
{
    /// <summary>255: the longest DNS name (RFC 1035 §2.3.4), and a port.</summary>
    public const int MaxHostLength = 255 + 6;

    /// <summary>The longest address element: a bracketed IPv6 address with a zone and a port.</summary>
    public const int MaxAddressLength = 64;

    /// <summary>The rightmost element of a comma-separated list, without the spaces around it (empty when there is none).</summary>
    public static ReadOnlySpan<char> LastElement(ReadOnlySpan<char> value)
    {
        int comma = value.LastIndexOf(',');
        return value[(comma + 1)..].Trim(' ').Trim('\t');
    }

    /// <summary>
    /// The client address in the rightmost element of <c>X-Forwarded-For</c>: <c>203.0.113.7</c>, <c>203.0.113.7:5123</c>,
    /// <c>2001:db8::7</c> or <c>[2001:db8::7]:5123</c>. IPv4 must be four dotted decimals (no <c>127.1</c> or hex forms).
    /// </summary>
    public static bool TryParseFor(ReadOnlySpan<char> value, out IPAddress? address)
    {
        address = null;
        ReadOnlySpan<char> element = LastElement(value);
        if (element.IsEmpty || element.Length > MaxAddressLength)
        {
            return false;
        }
        if (element[0] == '[')
        {
            int close = element.IndexOf(']');
            if (close < 0 || !IsPortSuffix(element[(close + 1)..]))
            {
                return false;
            }
            return TryParseIPv6(element[1..close], out address);
        }
        int colons = element.Count(':');
        if (colons > 1)
        {
            return TryParseIPv6(element, out address);
        }
        if (colons == 1)
        {
            int colon = element.IndexOf(':');
            if (!IsPortSuffix(element[colon..]))
            {
                return false;
            }
            element = element[..colon];
        }
        return TryParseDottedIPv4(element, out address);
    }

    /// <summary>The scheme in the rightmost element of <c>X-Forwarded-Proto</c>: <c>http</c> or <c>https</c>, lower case; nothing else.</summary>
    public static bool TryParseProto(ReadOnlySpan<char> value, out string? scheme)
    {
        ReadOnlySpan<char> element = LastElement(value);
        scheme = element.Equals("https", StringComparison.OrdinalIgnoreCase) ? "https"
            : element.Equals("http", StringComparison.OrdinalIgnoreCase) ? "http"
            : null;
        return scheme is not null;
    }

    /// <summary>
    /// The host in the rightmost element of <c>X-Forwarded-Host</c>, as the <c>Host</c> field would carry it (RFC 9110 §7.2):
    /// a name of letters, digits, <c>-</c>, <c>.</c> and <c>_</c>, an IPv4 address or a bracketed IPv6 address, then an
    /// optional <c>:port</c>. No user info, path, spaces or control characters.
    /// </summary>
    public static bool TryParseHost(ReadOnlySpan<char> value, out string? host)
    {
        host = null;
        ReadOnlySpan<char> element = LastElement(value);
        if (element.IsEmpty || element.Length > MaxHostLength)
        {
            return false;
        }
        ReadOnlySpan<char> name;
        ReadOnlySpan<char> port;
        if (element[0] == '[')
        {
            int close = element.IndexOf(']');
            if (close < 0 || !TryParseIPv6(element[1..close], out _))
            {
                return false;
            }
            name = element[..(close + 1)];
            port = element[(close + 1)..];
        }
        else
        {
            int colon = element.IndexOf(':');
            name = colon < 0 ? element : element[..colon];
            port = colon < 0 ? [] : element[colon..];
            if (name.IsEmpty || name.ContainsAnyExcept(s_nameCharacters))
            {
                return false;
            }
        }
        if (!port.IsEmpty && !IsPortSuffix(port))
        {
            return false;
        }
        host = element.ToString();
        return true;
    }

    private static readonly System.Buffers.SearchValues<char> s_nameCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._");

    private static readonly System.Buffers.SearchValues<char> s_dottedDecimalCharacters = System.Buffers.SearchValues.Create("0123456789.");

    /// <summary>":" and 1 to 5 decimal digits up to 65535; an empty suffix (no port) is also fine.</summary>
    private static bool IsPortSuffix(ReadOnlySpan<char> suffix)
    {
        if (suffix.IsEmpty)
        {
            return true;
        }
        ReadOnlySpan<char> digits = suffix[1..];
        return suffix[0] == ':'
            && digits.Length is > 0 and <= 5
            && !digits.ContainsAnyExceptInRange('0', '9')
            && int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) <= IPEndPoint.MaxPort;
    }

    private static bool TryParseIPv6(ReadOnlySpan<char> text, out IPAddress? address)
    {
        address = null;
        return text.Contains(':') && IPAddress.TryParse(text, out address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
    }

    private static bool TryParseDottedIPv4(ReadOnlySpan<char> text, out IPAddress? address)
    {
        address = null;
        // IPAddress.TryParse also takes "127.1", "0x7f.0.0.1" and "2130706433"; a proxy writes four decimal parts.
        if (text.Count('.') != 3 || text.ContainsAnyExcept(s_dottedDecimalCharacters))
        {
            return false;
        }
        return IPAddress.TryParse(text, out address);
    }
}
