namespace MaoOcr.WebSockets;

/// <summary>
/// Where a <see cref="WebSocketConnection"/> is in its life (RFC 6455 §7). It only moves forward:
/// <see cref="Open"/> → <see cref="CloseSent"/> → <see cref="Closed"/> when we close first (or fail the connection),
/// <see cref="Open"/> → <see cref="CloseReceived"/> → <see cref="Closed"/> when the peer closes first, and from any state
/// but <see cref="Closed"/> to <see cref="Aborted"/>.
/// </summary>
/// <remarks>
/// Data may be sent in <see cref="Open"/> and <see cref="CloseReceived"/>, and received in <see cref="Open"/> and
/// <see cref="CloseSent"/>. Outside those sets <see cref="WebSocketConnection.SendAsync"/> throws
/// <see cref="WebSocketClosedException"/> and <see cref="WebSocketConnection.ReceiveAsync"/> returns null.
/// </remarks>
public enum WebSocketConnectionState
{
    /// <summary>Messages go both ways.</summary>
    Open = 0,

    /// <summary>
    /// Our close frame is out (<see cref="WebSocketConnection.CloseAsync"/>, or a failure on the way to
    /// <see cref="Closed"/>): no data may follow it (§5.5.1), but the peer's messages are still received until its close.
    /// </summary>
    CloseSent = 1,

    /// <summary>
    /// The peer's close frame arrived first: nothing more will be received. The receive loop answers it at once, so this
    /// lasts only until our close frame is written; a send that gets in before is still allowed (§5.5.1).
    /// </summary>
    CloseReceived = 2,

    /// <summary>
    /// Ended with our close frame sent: both close frames were exchanged, or we failed the connection with one (§7.1.7)
    /// and dropped the transport without waiting. <see cref="WebSocketConnection.CloseStatus"/> holds the code.
    /// </summary>
    Closed = 3,

    /// <summary>
    /// Ended without the close handshake: the transport ended or failed, or the connection was dropped by a timeout
    /// (send, close, keep-alive), by a message cut off between its frames, or by <see cref="WebSocketConnection.DisposeAsync"/>.
    /// <see cref="WebSocketConnection.CloseStatus"/> is <see cref="CloseStatusCodes.AbnormalClosure"/> (1006) unless a
    /// close code was known before.
    /// </summary>
    Aborted = 4,
}
