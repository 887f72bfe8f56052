namespace MaoOcr.WebSockets.Handshake;

/// <summary>
/// Decides whether a browser page's <c>Origin</c> (RFC 6454 §7) may open the WebSocket (RFC 6455 §10.2): the same
/// origin, a configured one, or any with <c>"*"</c>. A request without <c>Origin</c> comes from a non-browser client,
/// which could forge the header anyway, so it is allowed; the API token is what guards against those.
/// </summary>
internal static class OriginPolicy
{
    /// <summary>Allows every origin when listed in <see cref="HandshakeOptions.AllowedOrigins"/>.</summary>
    public const string AnyOrigin = "*";

    /// <summary>Whether the request's origin is allowed.</summary>
    /// <param name="originValues">Every <c>Origin</c> field of the request: none is allowed, more than one is not.</param>
    /// <param name="host">The request's <c>Host</c> value.</param>
    /// <param name="allowedOrigins">The configured origins.</param>
    /// <param name="scheme">The scheme the request was made with, when a trusted proxy said so (<c>http</c> or
    /// <c>https</c>); then a same-host origin of the other scheme is not the same origin. Null: not compared.</param>
    public static bool Allows(IReadOnlyList<string?> originValues, string host, IList<string> allowedOrigins, string? scheme = null)
    {
        if (originValues.Count == 0)
        {
            return true;
        }
        string? origin = originValues.Count == 1 ? originValues[0] : null;
        if (string.IsNullOrEmpty(origin))
        {
            return false;
        }
        foreach (string allowed in allowedOrigins)
        {
            if (allowed == AnyOrigin || string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return IsSameOrigin(origin, host, scheme);
    }

    /// <summary>
    /// Whether the origin's host[:port] is the <c>Host</c> the request was sent to. The scheme's default port may be
    /// written on either side or neither. An opaque origin (<c>null</c>, from sandboxed frames and files) is never the same.
    /// </summary>
    private static bool IsSameOrigin(string origin, string host, string? requestScheme)
    {
        int schemeEnd = origin.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return false;
        }
        ReadOnlySpan<char> scheme = origin.AsSpan(0, schemeEnd);
        ReadOnlySpan<char> authority = origin.AsSpan(schemeEnd + 3);
        // A serialized origin has no path, userinfo, query or fragment.
        if (authority.IsEmpty || authority.IndexOfAny("/@?#") >= 0)
        {
            return false;
        }
        if (requestScheme is not null && IsSecure(scheme) != IsSecure(requestScheme))
        {
            return false;
        }
        string? defaultPort = scheme.Equals("https", StringComparison.OrdinalIgnoreCase) || scheme.Equals("wss", StringComparison.OrdinalIgnoreCase) ? ":443"
            : scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("ws", StringComparison.OrdinalIgnoreCase) ? ":80"
            : null;
        return WithoutPort(authority, defaultPort).Equals(WithoutPort(host, defaultPort), StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsSecure(ReadOnlySpan<char> scheme) =>
        scheme.Equals("https", StringComparison.OrdinalIgnoreCase) || scheme.Equals("wss", StringComparison.OrdinalIgnoreCase);

    private static ReadOnlySpan<char> WithoutPort(ReadOnlySpan<char> authority, string? defaultPort) =>
        defaultPort is not null && authority.EndsWith(defaultPort, StringComparison.Ordinal)
            ? authority[..^defaultPort.Length]
            : authority;
}
