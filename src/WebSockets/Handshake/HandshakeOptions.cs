using System.Net;
using MaoOcr.WebSockets.Compression;

namespace MaoOcr.WebSockets.Handshake;

/// <summary>What <see cref="WebSocketHandshake.Evaluate"/> accepts: the endpoint, the origins, the API token, compression.</summary>
public sealed class HandshakeOptions
{
    /// <summary>The endpoint the OCR WebSocket lives at.</summary>
    public const string DefaultPath = "/ws/ocr";

    private string _path = DefaultPath;

    /// <summary>The path, compared ordinally with the request's path (before <c>?</c>). Default <see cref="DefaultPath"/>.</summary>
    /// <exception cref="ArgumentException">Set to null or empty.</exception>
    public string Path
    {
        get => _path;
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(value);
            _path = value;
        }
    }

    /// <summary>
    /// Browser origins allowed besides the same origin, each a serialized origin such as <c>https://app.example:8443</c>,
    /// compared case-insensitively; <c>"*"</c> allows every origin. Default empty: same-origin pages and non-browser
    /// clients (which send no <c>Origin</c>) only, which stops other sites' pages from riding a user's network position.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>
    /// Balancers whose <c>X-Forwarded-Host</c>, <c>X-Forwarded-Proto</c> and <c>X-Forwarded-For</c> are believed: a
    /// handshake from one of these peers is judged by the host and scheme the browser used (a page served through a TLS
    /// balancer at <c>https://balancer.example</c> is the same origin), and its connection's remote end point becomes the
    /// forwarded client. Default empty: the fields are never believed, whoever sends them.
    /// </summary>
    public IList<IPNetwork> TrustedProxies { get; } = [];

    /// <summary>
    /// The API token, or null or empty for none. When set, a handshake must carry <c>Authorization: Bearer …</c> or
    /// <c>?token=…</c> (browsers cannot set headers on a WebSocket), as <c>Hosting.ApiToken</c> does for HTTP.
    /// </summary>
    public string? ApiToken { get; set; }

    private TimeSpan _headTimeout = DefaultHeadTimeout;

    /// <summary>30 s: Kestrel's <c>KestrelServerLimits.RequestHeadersTimeout</c> default.</summary>
    public static readonly TimeSpan DefaultHeadTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a new connection may take to send its first request head, which our middleware reads before Kestrel's
    /// HTTP sees the connection (so Kestrel's own timeout does not cover it). Default <see cref="DefaultHeadTimeout"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public TimeSpan HeadTimeout
    {
        get => _headTimeout;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _headTimeout = value;
        }
    }

    /// <summary>permessage-deflate settings (RFC 7692).</summary>
    public DeflateOptions Deflate { get; set; } = new();
}
