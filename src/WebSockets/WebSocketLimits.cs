namespace MaoOcr.WebSockets;

/// <summary>
/// Limits of one WebSocket connection, validated when set, in the manner of Kestrel's <c>KestrelServerLimits</c>.
/// Each default says where it comes from.
/// </summary>
public sealed class WebSocketLimits
{
    // The default fragment limit: a frame for every 16 bytes of the message limit, and never fewer than 1,024 frames.
    private const long BytesPerDefaultFragment = 16;
    private const long MinDefaultFragments = 1024;

    private long _maxMessageBytes = 16 * 1024 * 1024;
    private long? _maxFrameBytes;
    private int? _maxFragments;
    private TimeSpan _closeTimeout = TimeSpan.FromSeconds(5);
    private TimeSpan _keepAliveInterval = TimeSpan.FromSeconds(30);
    private TimeSpan _keepAliveTimeout = TimeSpan.FromSeconds(20);
    private int _sendQueueDepth = 32;
    private TimeSpan _sendTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Largest message, in bytes as received (for a compressed message, the inflater bounds the inflated size with
    /// the same number). 16 MiB: the default the WebSocket-layer issue set, and exactly the largest message of
    /// Autobahn 9.1.6 and 9.2.6. At least 1; a larger message is refused with 1009.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public long MaxMessageBytes
    {
        get => _maxMessageBytes;
        set => _maxMessageBytes = WebSocketThrow.IfOutOfRange(value, 1, long.MaxValue, nameof(MaxMessageBytes));
    }

    /// <summary>
    /// Largest data frame payload, in bytes. Follows <see cref="MaxMessageBytes"/> (but never below 125) until set: a message may arrive
    /// as one frame, and Autobahn 9.1.6 sends 16 MiB in one. At least 125, so that no legal control frame is refused;
    /// a larger frame is refused with 1009 as soon as its header arrives.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 125.</exception>
    public long MaxFrameBytes
    {
        get => _maxFrameBytes ?? Math.Max(_maxMessageBytes, WebSocketConstants.MaxControlPayloadLength);
        set => _maxFrameBytes = WebSocketThrow.IfOutOfRange(value, WebSocketConstants.MaxControlPayloadLength, long.MaxValue, nameof(MaxFrameBytes));
    }

    /// <summary>
    /// Most data frames in one message. Follows <see cref="MaxMessageBytes"/> until set: one frame for every 16 bytes it
    /// allows (1,048,576 for 16 MiB), at least 1,024. The byte limit alone does not bound a message of empty fragments,
    /// which costs a header parse each (and, with permessage-deflate, an inflate call on nothing) while never finishing;
    /// an empty client frame is 6 bytes on the wire, so such a message costs at most 6/16 of what one full message may,
    /// and no message a real client sends comes near it. Autobahn 9.3.1 and 9.4.1 send 65,537 frames (4 MiB in 64-byte
    /// fragments, then the empty final frame of its endMessage), which a fixed limit of 65,536 refused. At least 1; one
    /// more fragment is refused with 1009.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public int MaxFragments
    {
        get => _maxFragments ?? (int)Math.Clamp(_maxMessageBytes / BytesPerDefaultFragment, MinDefaultFragments, int.MaxValue);
        set => _maxFragments = (int)WebSocketThrow.IfOutOfRange(value, 1, int.MaxValue, nameof(MaxFragments));
    }

    /// <summary>
    /// How long, after sending our close frame, we wait for the peer's before dropping the connection. 5 s: the
    /// default of ASP.NET Core's <c>WebSocketOptions.CloseTimeout</c> (SignalR's WebSocket transport). Positive, or
    /// <see cref="Timeout.InfiniteTimeSpan"/> to wait for ever.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or a negative value other than infinite.</exception>
    public TimeSpan CloseTimeout
    {
        get => _closeTimeout;
        set => _closeTimeout = WebSocketThrow.IfNotPositiveOrInfinite(value, nameof(CloseTimeout));
    }

    /// <summary>
    /// How long the connection may be idle before we send a ping. 30 s: under the 60 s idle timeouts of nginx's
    /// <c>proxy_read_timeout</c> and of cloud load balancers (AWS ALB), which otherwise cut an idle connection in front
    /// of us. Positive, or <see cref="Timeout.InfiniteTimeSpan"/> to send no pings.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or a negative value other than infinite.</exception>
    public TimeSpan KeepAliveInterval
    {
        get => _keepAliveInterval;
        set => _keepAliveInterval = WebSocketThrow.IfNotPositiveOrInfinite(value, nameof(KeepAliveInterval));
    }

    /// <summary>
    /// How long after a ping we wait for any frame from the peer before failing the connection. 20 s: the default of
    /// Kestrel's <c>Http2Limits.KeepAlivePingTimeout</c>. Positive, or <see cref="Timeout.InfiniteTimeSpan"/> to
    /// send pings without waiting for the answer (as .NET's own WebSockets do by default).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or a negative value other than infinite.</exception>
    public TimeSpan KeepAliveTimeout
    {
        get => _keepAliveTimeout;
        set => _keepAliveTimeout = WebSocketThrow.IfNotPositiveOrInfinite(value, nameof(KeepAliveTimeout));
    }

    /// <summary>
    /// How long one frame may wait for the transport to take it (a peer that stops reading holds our flush under
    /// back-pressure) before the connection is dropped with 1006. Without it a peer that writes but never reads would
    /// hold every sender, and the pongs and close frames queued behind them, for ever: its frames keep the keep-alive
    /// satisfied. 20 s: the same grace as <see cref="KeepAliveTimeout"/>, the time a peer has to show it is alive. At
    /// our 64 KiB frames that asks for about 2 KB/s; Kestrel's <c>MinResponseDataRate</c> asks 240 B/s of HTTP responses.
    /// Positive, or <see cref="Timeout.InfiniteTimeSpan"/> to wait for ever.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or a negative value other than infinite.</exception>
    public TimeSpan SendTimeout
    {
        get => _sendTimeout;
        set => _sendTimeout = WebSocketThrow.IfNotPositiveOrInfinite(value, nameof(SendTimeout));
    }

    /// <summary>
    /// Outgoing messages one connection may have queued before senders wait. 32: room for the answers of all 16
    /// requests an application may keep in flight on one connection (the appliance allows 16) and as many slots again
    /// for pongs, progress and the close frame, so the engine never waits on a reader that keeps up; a reader that
    /// falls further behind gets back-pressure. At least 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public int SendQueueDepth
    {
        get => _sendQueueDepth;
        set => _sendQueueDepth = (int)WebSocketThrow.IfOutOfRange(value, 1, int.MaxValue, nameof(SendQueueDepth));
    }
}
