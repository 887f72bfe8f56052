namespace MaoOcr.WebSockets;

/// <summary>
/// The one exception by which a <see cref="WebSocketConnection"/> says it can no longer send or receive. Thrown by
/// <see cref="WebSocketConnection.SendAsync"/> when the state allows no sending (our close frame is out, RFC 6455 §5.5.1
/// allows no data after it; or the connection ended), and by <see cref="WebSocketConnection.SendAsync"/> or
/// <see cref="WebSocketConnection.ReceiveAsync"/> when the transport failed under the call, after which the connection is
/// <see cref="WebSocketConnectionState.Aborted"/> and <see cref="Exception.InnerException"/> holds the transport's error.
/// It is expected whenever a close races a reply, so senders catch it and stop sending; the receive loop still runs until
/// the peer's close. <see cref="WebSocketConnection.CloseAsync"/> and <see cref="WebSocketConnection.DisposeAsync"/> never
/// throw it: the connection being gone is what they wait for.
/// </summary>
/// <remarks>
/// An <see cref="InvalidOperationException"/>, so callers that caught that before still do. The pipes' own exceptions
/// (<see cref="IOException"/>, <see cref="ObjectDisposedException"/>, a transport's <see cref="OperationCanceledException"/>)
/// never reach the caller unwrapped; an <see cref="OperationCanceledException"/> from a connection method means the
/// caller's own token was cancelled.
/// </remarks>
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

    /// <summary>The connection's refusal in <paramref name="state"/>, or its abort by <paramref name="transportFailure"/>.</summary>
    internal WebSocketClosedException(WebSocketConnectionState state, Exception? transportFailure)
        : base(transportFailure is null
            ? $"The WebSocket connection is {state}; no more messages can be sent."
            : $"The WebSocket connection's transport failed, so the connection was aborted: {transportFailure.Message}", transportFailure)
    {
        State = state;
    }

    /// <summary>The connection's state when it refused the call; <see cref="WebSocketConnectionState.Aborted"/> after a transport failure.</summary>
    public WebSocketConnectionState State { get; } = WebSocketConnectionState.Closed;
}
