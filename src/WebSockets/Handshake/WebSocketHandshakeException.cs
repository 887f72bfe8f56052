namespace MaoOcr.WebSockets.Handshake;

/// <summary>
/// Thrown by <see cref="WebSocketClientHandshake.ConnectAsync"/> when the server did not accept the WebSocket upgrade
/// (a status other than 101), or answered it in a way RFC 6455 §4.1 or RFC 7692 §7.1 tells a client to fail: a wrong
/// <c>Sec-WebSocket-Accept</c>, a missing <c>Upgrade</c> or <c>Connection</c> token, an extension or a parameter that was
/// not offered, a malformed head, or the connection ended before the head did.
/// </summary>
public sealed class WebSocketHandshakeException : Exception
{
    /// <summary>Creates the exception with a standard message.</summary>
    public WebSocketHandshakeException()
        : base("The server did not complete the WebSocket handshake.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WebSocketHandshakeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public WebSocketHandshakeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a response with <paramref name="statusCode"/>.</summary>
    internal WebSocketHandshakeException(string message, int? statusCode)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>The response's status code (101 when the 101 itself was wrong); null when no well-formed head arrived.</summary>
    public int? StatusCode { get; }
}
