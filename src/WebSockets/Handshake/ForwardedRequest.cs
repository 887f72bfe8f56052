using System.Net;

namespace MaoOcr.WebSockets.Handshake;

/// <summary>
/// What a handshake that came through a trusted balancer says about the browser's side: the host and scheme the page was
/// served from and the client's address. From a peer outside <see cref="HandshakeOptions.TrustedProxies"/> (or with
/// none configured) the <c>X-Forwarded-*</c> fields are ignored, so a client cannot widen the Origin check by forging them.
/// </summary>
internal readonly record struct ForwardedRequest(string Host, string? Scheme, IPAddress? Client)
{
    public const string ForHeader = "X-Forwarded-For";
    public const string ProtoHeader = "X-Forwarded-Proto";
    public const string HostHeader = "X-Forwarded-Host";

    /// <summary>The request as the browser made it: <c>Host</c> and no scheme or client unless <paramref name="peer"/> is trusted.</summary>
    public static ForwardedRequest From(RequestHead head, IPAddress? peer, HandshakeOptions options)
    {
        string host = head.GetFirst("Host") ?? string.Empty;
        if (peer is null || !IsTrusted(peer, options.TrustedProxies))
        {
            return new ForwardedRequest(host, null, null);
        }
        string? forwardedHost = Last(head, HostHeader) is { } h && ForwardedValues.TryParseHost(h, out string? parsedHost) ? parsedHost : null;
        string? scheme = Last(head, ProtoHeader) is { } p && ForwardedValues.TryParseProto(p, out string? parsedScheme) ? parsedScheme : null;
        IPAddress? client = Last(head, ForHeader) is { } f && ForwardedValues.TryParseFor(f, out IPAddress? parsedClient) ? parsedClient : null;
        return new ForwardedRequest(forwardedHost ?? host, scheme, client);
    }

    /// <summary>Whether <paramref name="peer"/> (an IPv4-mapped IPv6 address counts as its IPv4 one) is in one of the networks.</summary>
    public static bool IsTrusted(IPAddress peer, IList<IPNetwork> networks)
    {
        ArgumentNullException.ThrowIfNull(peer);
        IPAddress address = peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer;
        foreach (IPNetwork network in networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }
        return false;
    }

    // Several fields of one name are one comma-separated list (RFC 9110 §5.3): the last field holds the rightmost element.
    private static string? Last(RequestHead head, string name)
    {
        IReadOnlyList<string?> values = head.GetValues(name);
        return values.Count == 0 ? null : values[^1];
    }
}
