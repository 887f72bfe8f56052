using System.Buffers.Binary;

namespace MaoOcr.WebSockets;

public sealed partial class WebSocketConnection
{
    // The keep-alive timer fires once per arming, and only while the connection may send (State). _keepAliveState is the
    // timer's own step, not the connection's lifecycle. Idle: its firing sends a ping if no frame arrived for a whole
    // KeepAliveInterval, and otherwise re-arms for the rest of the interval, so a connection with traffic is never
    // pinged. AwaitingFrame: a ping is out and the firing, KeepAliveTimeout after it, fails the connection unless a frame
    // arrived since. Receiving only stamps the time: no timer call per frame.
    private const int KeepAliveIdle = 0;
    private const int KeepAliveAwaitingFrame = 1;

    private readonly byte[] _pingPayload = new byte[sizeof(long)];
    private ITimer? _keepAliveTimer;
    private int _keepAliveState;
    private long _lastFrameReceived;
    private long _pingSent;

    private void StartKeepAlive()
    {
        if (_limits.KeepAliveInterval != Timeout.InfiniteTimeSpan)
        {
            _lastFrameReceived = _time.GetTimestamp();
            _keepAliveTimer = _time.CreateTimer(static state => ((WebSocketConnection)state!).OnKeepAliveTimer(), this,
                _limits.KeepAliveInterval, Timeout.InfiniteTimeSpan);
        }
    }

    private void StopKeepAlive() => _keepAliveTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private void OnKeepAliveTimer()
    {
        if (!CanSend(State))
        {
            // Our close frame is out or the connection ended: no ping may follow, and the timer is not re-armed.
            return;
        }
        // A frame stamped at or after the ping answers it (the clock may not have moved between the two).
        long lastFrame = Volatile.Read(ref _lastFrameReceived);
        if (_keepAliveState == KeepAliveAwaitingFrame)
        {
            if (lastFrame < _pingSent)
            {
                // Nothing arrived for KeepAliveTimeout after our ping: the peer or the path is dead, so no close frame
                // would get through either. 1006, "closed abnormally", is what §7.1.5 calls a connection lost without one.
                Abort(CloseStatusCodes.AbnormalClosure, "The peer did not answer the keep-alive ping in time.");
                return;
            }
            _keepAliveState = KeepAliveIdle;
        }
        long now = _time.GetTimestamp();
        TimeSpan idle = _time.GetElapsedTime(lastFrame, now);
        if (idle < _limits.KeepAliveInterval)
        {
            // Traffic flowed: no ping, look again when the interval since the last frame is up.
            _keepAliveTimer?.Change(_limits.KeepAliveInterval - idle, Timeout.InfiniteTimeSpan);
            return;
        }
        if (_limits.KeepAliveTimeout == Timeout.InfiniteTimeSpan)
        {
            _keepAliveTimer?.Change(_limits.KeepAliveInterval, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _pingSent = now;
            _keepAliveState = KeepAliveAwaitingFrame;
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
        catch (WebSocketClosedException)
        {
            // The transport failed under the ping and the connection is aborted; the receive loop reports it.
        }
    }

    /// <summary>
    /// Any frame from the peer proves it alive (as <see cref="WebSocketLimits.KeepAliveTimeout"/> says) and postpones the
    /// next ping: the timer reads the stamp when it fires.
    /// </summary>
    private void NoteFrameReceived()
    {
        if (_keepAliveTimer is not null)
        {
            Volatile.Write(ref _lastFrameReceived, _time.GetTimestamp());
        }
    }
}
