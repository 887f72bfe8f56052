namespace MaoOcr.WebSockets.Handshake;

/// <summary>Why a WebSocket handshake for our endpoint was refused; each maps to one status code.</summary>
internal enum HandshakeRefusal
{
    /// <summary>Not refused.</summary>
    None,

    /// <summary>The method is not GET (RFC 6455 §4.1): 405, with <c>Allow: GET</c>.</summary>
    MethodNotGet,

    /// <summary>The version is not HTTP/1.1 (RFC 6455 §4.1): 400.</summary>
    NotHttp11,

    /// <summary>No <c>Host</c>, or more than one (RFC 9112 §3.2): 400.</summary>
    BadHost,

    /// <summary><c>Upgrade</c> does not list <c>websocket</c> (RFC 6455 §4.2.1 item 3): 400.</summary>
    NotUpgradeToWebSocket,

    /// <summary><c>Connection</c> does not list <c>Upgrade</c> (RFC 6455 §4.2.1 item 4): 400.</summary>
    ConnectionNotUpgrade,

    /// <summary><c>Sec-WebSocket-Key</c> missing, repeated, or not base64 of 16 bytes (RFC 6455 §4.2.1 item 5): 400.</summary>
    BadKey,

    /// <summary><c>Sec-WebSocket-Version</c> missing or repeated (RFC 6455 §4.2.1 item 6): 400, naming version 13.</summary>
    MissingVersion,

    /// <summary><c>Sec-WebSocket-Version</c> is not 13 (RFC 6455 §4.2.2): 426, naming version 13.</summary>
    UnsupportedVersion,

    /// <summary>The <c>Origin</c> is not allowed (RFC 6455 §4.2.2, §10.2): 403.</summary>
    OriginNotAllowed,

    /// <summary>The API token is missing or wrong: 401, with <c>WWW-Authenticate: Bearer</c>.</summary>
    Unauthorized,
}
