namespace MaoOcr.WebSockets;

/// <summary>
/// Thrown by <see cref="WebSocketConnection.SendAsync"/> once no more data may be sent: our close frame is out (RFC 6455
/// §5.5.1: no data frames after it), the transport ended, or the connection was aborted. It is expected whenever a
/// close races a reply, so senders catch it and stop sending; the receive loop still runs until the peer's close.
/// </summary>
/// <remarks>An <see cref="InvalidOperationException"/>, so callers that caught that before still do.</remarks>
public sealed class WebSocketClosedException : InvalidOperationException
{
    /// <summary>Creates the exception with the standard message.</summary>
    public WebSocketClosedException()
        : base("The WebSocket connection is closing or closed; no more messages can be sent.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WebSocketClosedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public WebSocketClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
