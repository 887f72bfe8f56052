using System.Net;
using System.Security.Cryptography;
using System.Text;
using MaoOcr.WebSockets.Compression;

namespace MaoOcr.WebSockets.Handshake;

/// <summary>
/// The server's opening handshake (RFC 6455 §4.2.1 reading the request, §4.2.2 deciding the response). Pure: it
/// reads a parsed head and the options and returns a decision; writing it is <see cref="HandshakeResponseWriter"/>'s.
/// </summary>
internal static class WebSocketHandshake
{
    /// <summary>Bytes a <c>Sec-WebSocket-Key</c> decodes to (§4.1: "a randomly selected 16-byte value").</summary>
    public const int KeyBytes = 16;

    /// <summary>Base64 characters of a 16-byte key, padding included.</summary>
    public const int KeyLength = 24;

    /// <summary>Decides what to do with <paramref name="head"/>.</summary>
    /// <returns>
    /// <see cref="HandshakeOutcome.PassToHttp"/> when the path is not <see cref="HandshakeOptions.Path"/>;
    /// otherwise accept, or refuse with the first rule broken, in the order: method, version, Host, Upgrade,
    /// Connection, Sec-WebSocket-Version, Sec-WebSocket-Key, Origin, token.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="head"/> or <paramref name="options"/> is null.</exception>
    /// <param name="head">The request head.</param>
    /// <param name="options">What is accepted.</param>
    /// <param name="peer">The connection's remote address: from one of <see cref="HandshakeOptions.TrustedProxies"/>, the
    /// forwarded host and scheme are what the Origin check compares with. Null: unknown, never trusted.</param>
    public static HandshakeResult Evaluate(RequestHead head, HandshakeOptions options, IPAddress? peer = null)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(options);

        if (!string.Equals(head.Path, options.Path, StringComparison.Ordinal))
        {
            return HandshakeResult.PassToHttp();
        }
        HandshakeRefusal refusal = Check(head, options, peer, out string? key);
        if (refusal != HandshakeRefusal.None)
        {
            return HandshakeResult.Refuse(refusal);
        }
        DeflateNegotiationResult deflate = DeflateNegotiation.Negotiate(head.GetValues("Sec-WebSocket-Extensions"), options.Deflate);
        return HandshakeResult.Accept(ComputeAccept(key!), deflate);
    }

    /// <summary><c>base64(SHA-1(key + GUID))</c> (§4.2.2 item 5.4), for a key as sent (ASCII).</summary>
    public static string ComputeAccept(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int guidLength = WebSocketConstants.HandshakeGuidUtf8.Length;
        Span<byte> input = stackalloc byte[KeyLength + guidLength];
        if (key.Length > KeyLength)
        {
            input = new byte[key.Length + guidLength];
        }
        input = input[..(key.Length + guidLength)];
        int written = Encoding.ASCII.GetBytes(key, input);
        WebSocketConstants.HandshakeGuidUtf8.CopyTo(input[written..]);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 here; it proves a WebSocket server answered, not integrity.
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    private static HandshakeRefusal Check(RequestHead head, HandshakeOptions options, IPAddress? peer, out string? key)
    {
        key = null;
        // §4.1: "The method of the request MUST be GET, and the HTTP version MUST be at least 1.1." Over HTTP/1.x that is 1.1.
        if (!string.Equals(head.Method, "GET", StringComparison.Ordinal))
        {
            return HandshakeRefusal.MethodNotGet;
        }
        if (!string.Equals(head.Version, "HTTP/1.1", StringComparison.Ordinal))
        {
            return HandshakeRefusal.NotHttp11;
        }
        if (head.Count("Host") != 1 || string.IsNullOrEmpty(head.GetFirst("Host")))
        {
            return HandshakeRefusal.BadHost;
        }
        if (!HttpTokenList.Contains(head.GetValues("Upgrade"), "websocket"))
        {
            return HandshakeRefusal.NotUpgradeToWebSocket;
        }
        if (!HttpTokenList.Contains(head.GetValues("Connection"), "Upgrade"))
        {
            return HandshakeRefusal.ConnectionNotUpgrade;
        }
        // Version before key: a client of another version may send a key of another shape, and should learn we speak 13.
        if (head.Count("Sec-WebSocket-Version") != 1)
        {
            return HandshakeRefusal.MissingVersion;
        }
        if (!string.Equals(head.GetFirst("Sec-WebSocket-Version"), "13", StringComparison.Ordinal))
        {
            return HandshakeRefusal.UnsupportedVersion;
        }
        key = head.Count("Sec-WebSocket-Key") == 1 ? head.GetFirst("Sec-WebSocket-Key") : null;
        if (!IsValidKey(key))
        {
            return HandshakeRefusal.BadKey;
        }
        // Behind a trusted TLS balancer the page's origin is the balancer's scheme and host, not the Host it forwarded to.
        ForwardedRequest browserSide = ForwardedRequest.From(head, peer, options);
        if (!OriginPolicy.Allows(head.GetValues("Origin"), browserSide.Host, options.AllowedOrigins, browserSide.Scheme))
        {
            return HandshakeRefusal.OriginNotAllowed;
        }
        if (!HandshakeToken.Allows(head, options.ApiToken))
        {
            return HandshakeRefusal.Unauthorized;
        }
        return HandshakeRefusal.None;
    }

    private static bool IsValidKey(string? key)
    {
        // A 16-byte value is exactly 24 base64 characters ending "==". Convert skips whitespace, so the length is checked first.
        Span<byte> decoded = stackalloc byte[KeyBytes + 2];
        return key is { Length: KeyLength }
            && Convert.TryFromBase64String(key, decoded, out int written)
            && written == KeyBytes;
    }
}
