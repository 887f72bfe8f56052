using System.Diagnostics;

namespace MaoOcr.WebSockets;

public sealed partial class WebSocketConnection
{
    // The lifecycle, one field as ManagedWebSocket's _state: every entry point checks it against the send or receive set
    // below. It moves forward only, by CompareExchange, so the receive loop, the senders, the keep-alive and send timers,
    // CloseAsync and DisposeAsync may race to move it without a lock, and none of their moves is lost.
    // Starts at 0, Open.
    private int _state;

    /// <summary>
    /// Where the connection is in its life: see <see cref="WebSocketConnectionState"/> for the states and their order.
    /// Read without a lock, so another task (the receive loop, a timer, <see cref="CloseAsync"/>) may move it on as soon
    /// as it is read: a send that saw <see cref="WebSocketConnectionState.Open"/> can still throw <see cref="WebSocketClosedException"/>.
    /// </summary>
    public WebSocketConnectionState State => (WebSocketConnectionState)Volatile.Read(ref _state);

    /// <summary>Data, pings and pongs may go out: our close frame is not (RFC 6455 §5.5.1), and the connection has not ended.</summary>
    private static bool CanSend(WebSocketConnectionState state) => state is WebSocketConnectionState.Open or WebSocketConnectionState.CloseReceived;

    /// <summary>Frames may still come in: the peer's close frame has not, and the connection has not ended.</summary>
    private static bool CanReceive(WebSocketConnectionState state) => state is WebSocketConnectionState.Open or WebSocketConnectionState.CloseSent;

    /// <summary>Throws <see cref="WebSocketClosedException"/> unless the state allows sending.</summary>
    private void ThrowIfCannotSend()
    {
        WebSocketConnectionState state = State;
        if (!CanSend(state))
        {
            ConnectionThrow.Closed(state);
        }
    }

    /// <summary>Our close frame was written (under the write lock): Open → CloseSent, or CloseReceived → Closed.</summary>
    private void OnCloseFrameSent()
    {
        // States only move forward, so when the first move fails the state has left Open, and the second finds CloseReceived or an end.
        _ = TryMove(WebSocketConnectionState.Open, WebSocketConnectionState.CloseSent)
            || TryMove(WebSocketConnectionState.CloseReceived, WebSocketConnectionState.Closed);
    }

    /// <summary>The peer's close frame was read (by the receiver): Open → CloseReceived, or CloseSent → Closed.</summary>
    private void OnCloseFrameReceived()
    {
        _ = TryMove(WebSocketConnectionState.Open, WebSocketConnectionState.CloseReceived)
            || TryMove(WebSocketConnectionState.CloseSent, WebSocketConnectionState.Closed);
    }

    /// <summary>We failed the connection (§7.1.7): our close frame is out and we do not wait for the peer's. CloseSent → Closed.</summary>
    private void OnFailed()
    {
        TryMove(WebSocketConnectionState.CloseSent, WebSocketConnectionState.Closed);
        Debug.Assert(State is WebSocketConnectionState.Closed or WebSocketConnectionState.Aborted, "A failure sends its close frame, or the connection was aborted meanwhile.");
    }

    /// <summary>Ends the connection without the handshake, from any state but an end. Returns whether this call ended it.</summary>
    private bool TryMoveToAborted()
    {
        while (true)
        {
            int state = Volatile.Read(ref _state);
            if (state is (int)WebSocketConnectionState.Closed or (int)WebSocketConnectionState.Aborted)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _state, (int)WebSocketConnectionState.Aborted, state) == state)
            {
                return true;
            }
        }
    }

    private bool TryMove(WebSocketConnectionState from, WebSocketConnectionState to) =>
        Interlocked.CompareExchange(ref _state, (int)to, (int)from) == (int)from;

    /// <summary>
    /// Whether an exception from a pipe call means the transport failed (a reset socket, a disposed stream, Kestrel's
    /// ConnectionAbortedException, which is an <see cref="OperationCanceledException"/>), rather than the caller's own
    /// <paramref name="cancellationToken"/>, whose cancellation is the caller's to see.
    /// </summary>
    private static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);
}
