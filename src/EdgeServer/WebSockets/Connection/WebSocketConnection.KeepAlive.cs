using System.Buffers.Binary;

namespace MaoOcr.EdgeServer.WebSockets;

internal sealed partial class WebSocketConnection
{
    // The keep-alive timer fires once per arming. Idle: its next firing sends a ping. AwaitingFrame: a ping is out and
    // its next firing, KeepAliveTimeout after the ping, fails the connection unless a frame arrived meanwhile.
    private const int KeepAliveIdle = 0;
    private const int KeepAliveAwaitingFrame = 1;

    private readonly byte[] _pingPayload = new byte[sizeof(long)];
    private ITimer? _keepAliveTimer;
    private int _keepAliveState;

    private void StartKeepAlive()
    {
        if (_limits.KeepAliveInterval != Timeout.InfiniteTimeSpan)
        {
            _keepAliveTimer = _time.CreateTimer(static state => ((WebSocketConnection)state!).OnKeepAliveTimer(), this,
                _limits.KeepAliveInterval, Timeout.InfiniteTimeSpan);
        }
    }

    private void StopKeepAlive() => _keepAliveTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private void OnKeepAliveTimer()
    {
        if (_aborted || _closeSent)
        {
            return;
        }
        if (Volatile.Read(ref _keepAliveState) == KeepAliveAwaitingFrame)
        {
            // Nothing arrived for KeepAliveTimeout after our ping: the peer or the path is dead, so no close frame
            // would get through either. 1006, "closed abnormally", is what §7.1.5 calls a connection lost without one.
            Abort(CloseStatusCodes.AbnormalClosure, "The peer did not answer the keep-alive ping in time.");
            return;
        }
        if (_limits.KeepAliveTimeout == Timeout.InfiniteTimeSpan)
        {
            _keepAliveTimer?.Change(_limits.KeepAliveInterval, Timeout.InfiniteTimeSpan);
        }
        else
        {
            Volatile.Write(ref _keepAliveState, KeepAliveAwaitingFrame);
            _keepAliveTimer?.Change(_limits.KeepAliveTimeout, Timeout.InfiniteTimeSpan);
        }
        _ = SendPingAsync();
    }

    private async Task SendPingAsync()
    {
        // The payload is the send time, so that a pong's round trip can be measured later; peers only echo it.
        BinaryPrimitives.WriteInt64BigEndian(_pingPayload, _time.GetTimestamp());
        try
        {
            await SendControlFrameAsync(WebSocketOpcode.Ping, _pingPayload, CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The transport closed under us; the receive loop reports it.
        }
    }

    /// <summary>Any frame from the peer proves it alive (as <see cref="WebSocketLimits.KeepAliveTimeout"/> says): re-arm for the next ping.</summary>
    private void NoteFrameReceived()
    {
        if (Volatile.Read(ref _keepAliveState) == KeepAliveAwaitingFrame
            && Interlocked.Exchange(ref _keepAliveState, KeepAliveIdle) == KeepAliveAwaitingFrame
            && !_closeSent)
        {
            _keepAliveTimer?.Change(_limits.KeepAliveInterval, Timeout.InfiniteTimeSpan);
        }
    }
}
