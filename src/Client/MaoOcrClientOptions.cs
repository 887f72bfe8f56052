using MaoOcr.Client.Internal;
using MaoOcr.Client.Protocol;

namespace MaoOcr.Client;

/// <summary>
/// Settings of a <see cref="MaoOcrClient"/>. Each default says where it comes from; the reconnect and heartbeat
/// defaults are the protocol's (docs/protocol.md), so every MaoOCR client behaves the same.
/// </summary>
public sealed class MaoOcrClientOptions
{
    private TimeSpan _reconnectBaseDelay = TimeSpan.FromSeconds(1);
    private TimeSpan _reconnectMaxDelay = TimeSpan.FromSeconds(30);
    private int _maxReconnectAttempts = 5;
    private double _reconnectJitter = 0.2;
    private TimeSpan _heartbeatInterval = TimeSpan.FromSeconds(30);
    private TimeSpan? _pongTimeout;
    private TimeSpan _connectTimeout = TimeSpan.FromSeconds(10);
    // The appliance's default WebSocket message limit (OcrWebSocketEndpoint): its largest image as base64 (a text
    // request), its largest envelope, and the binary form's length prefix.
    private int _maxMessageBytes = (BinaryFraming.MaxImageBytes / 3 * 4) + BinaryFraming.MaxEnvelopeBytes + BinaryFraming.LengthPrefixBytes;

    /// <summary>
    /// The appliance: <c>ws://BOX:8080</c> or <c>wss://BOX:8443</c> (<c>http</c>/<c>https</c> are taken as
    /// <c>ws</c>/<c>wss</c>). Without a path, <c>/ws/ocr</c> is used.
    /// </summary>
    public required Uri Server { get; init; }

    /// <summary>The appliance's API token, sent as <c>Authorization: Bearer …</c>; null when it has none.</summary>
    public string? ApiToken { get; init; }

    /// <summary>Offer permessage-deflate (RFC 7692), so large answers travel compressed. Default true. Images are never compressed again.</summary>
    public bool UseCompression { get; init; } = true;

    /// <summary>Wait before the first reconnect attempt; doubled for each further one. 1 s: the protocol's.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative.</exception>
    public TimeSpan ReconnectBaseDelay
    {
        get => _reconnectBaseDelay;
        init => _reconnectBaseDelay = Throw.IfNotPositive(value, nameof(ReconnectBaseDelay));
    }

    /// <summary>Longest wait between reconnect attempts, jitter included. 30 s: the protocol's.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative.</exception>
    public TimeSpan ReconnectMaxDelay
    {
        get => _reconnectMaxDelay;
        init => _reconnectMaxDelay = Throw.IfNotPositive(value, nameof(ReconnectMaxDelay));
    }

    /// <summary>Reconnect attempts after a drop before the status becomes <see cref="ConnectionStatus.Error"/>. 5: the protocol's. 0 turns reconnecting off.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int MaxReconnectAttempts
    {
        get => _maxReconnectAttempts;
        init => _maxReconnectAttempts = Throw.IfNegative(value, nameof(MaxReconnectAttempts));
    }

    /// <summary>
    /// Random spread of each reconnect wait, as a fraction: 0.2 means ±20%, the protocol's example, so that a room
    /// of devices does not reconnect in lockstep after the appliance restarts. 0 to 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0–1.</exception>
    public double ReconnectJitter
    {
        get => _reconnectJitter;
        init => _reconnectJitter = Throw.IfOutside(value, 0, 1, nameof(ReconnectJitter));
    }

    /// <summary>
    /// How often a protocol <c>ping</c> is sent while connected. 30 s: the protocol's, under the 60 s idle timeout of
    /// common proxies. <see cref="Timeout.InfiniteTimeSpan"/> sends none.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero, or negative other than infinite.</exception>
    public TimeSpan HeartbeatInterval
    {
        get => _heartbeatInterval;
        init => _heartbeatInterval = Throw.IfNotPositiveOrInfinite(value, nameof(HeartbeatInterval));
    }

    /// <summary>
    /// How long after a ping falls due its pong may take before the connection is taken for dead, closed and
    /// reconnected; anything received meanwhile, and each upload fragment the link takes, starts it again, so a slow
    /// upload that holds the send path (the ping waits behind it) is not taken for dead, while one that stopped moving
    /// is noticed within <see cref="HeartbeatInterval"/> plus this. Defaults to <see cref="HeartbeatInterval"/>: the
    /// protocol's rule that the pong must be back when the next heartbeat is due.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative.</exception>
    public TimeSpan PongTimeout
    {
        get => _pongTimeout ?? _heartbeatInterval;
        init => _pongTimeout = Throw.IfNotPositive(value, nameof(PongTimeout));
    }

    /// <summary>Longest wait for one connection attempt (TCP, TLS and the WebSocket handshake). 10 s: far over a LAN round trip, short enough to report a wrong address promptly.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative.</exception>
    public TimeSpan ConnectTimeout
    {
        get => _connectTimeout;
        init => _connectTimeout = Throw.IfNotPositive(value, nameof(ConnectTimeout));
    }

    /// <summary>
    /// Largest message sent or accepted, in bytes. By default the appliance's default WebSocket message limit (about
    /// 26.7 MiB, room for its largest image, 20 MiB, as base64), which closes the connection (1009) on a larger one;
    /// a request over it is refused here, before it is sent. An image over the appliance's own image limit is
    /// answered with <c>image_too_large</c>. Received messages are held to it too: an answer with a searchable PDF
    /// (<see cref="OcrRequestOptions.SearchablePdf"/>) larger than it drops the connection, so raise it for large scans.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Under 1 KiB.</exception>
    public int MaxMessageBytes
    {
        get => _maxMessageBytes;
        init => _maxMessageBytes = (int)Throw.IfOutside(value, 1024, int.MaxValue, nameof(MaxMessageBytes));
    }

    /// <summary>The clock for backoff, heartbeat and timeouts. <see cref="TimeProvider.System"/> unless a test gives a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Source of the jitter; <see cref="Random.Shared"/> unless a test seeds one.</summary>
    public Random Random { get; init; } = Random.Shared;
}
