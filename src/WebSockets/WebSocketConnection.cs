using System.IO.Pipelines;
using MaoOcr.WebSockets.Compression;
using MaoOcr.WebSockets.Framing;

namespace MaoOcr.WebSockets;

/// <summary>
/// One end of a WebSocket connection (RFC 6455, with RFC 7692 permessage-deflate when negotiated), run over the
/// transport's <see cref="IDuplexPipe"/> once the handshake is done: the server's (<see cref="CreateServer"/>) or the
/// client's (<see cref="CreateClient"/>). Frames are parsed in place from the pipe's buffers and payloads unmasked
/// straight into a pooled message buffer.
/// </summary>
/// <remarks>
/// <para>
/// One reader and any number of senders: <see cref="ReceiveAsync"/> must not overlap itself; <see cref="SendAsync"/> may be
/// called from several tasks at once and is serialized through a queue of <see cref="WebSocketLimits.SendQueueDepth"/> messages.
/// The receiver answers pings and the close handshake itself, so the application only sees data messages.
/// </para>
/// <para>
/// The two roles differ only where RFC 6455 makes them (§5.1, §5.3): a server refuses unmasked frames and sends its own
/// unmasked; a client refuses masked frames and masks every frame it sends with a fresh key from
/// <see cref="System.Security.Cryptography.RandomNumberGenerator"/>, masking its copy in the pipe's memory, never the
/// caller's buffer. With permessage-deflate each side compresses with its own negotiated window and context-takeover rule
/// and inflates by the other's.
/// </para>
/// <para>
/// The connection's end reaches the application one way per call: <see cref="ReceiveAsync"/> returns null,
/// <see cref="SendAsync"/> throws <see cref="WebSocketClosedException"/> (also for a transport failure, with the cause
/// inside), <see cref="CloseAsync"/> and <see cref="DisposeAsync"/> just return. No pipe exception escapes unwrapped;
/// an <see cref="OperationCanceledException"/> is always the caller's own token.
/// </para>
/// <para>
/// Split by concern, as ManagedWebSocket is: <c>.Receiver.cs</c> reads frames, <c>.Sender.cs</c> writes them,
/// <c>.Close.cs</c> holds the close handshake and aborting, <c>.KeepAlive.cs</c> the pings, <c>.State.cs</c> the lifecycle
/// (<see cref="State"/>), which every entry point checks.
/// </para>
/// </remarks>
public sealed partial class WebSocketConnection : IAsyncDisposable
{
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly WebSocketLimits _limits;
    private readonly TimeProvider _time;
    private readonly MessageDeflater? _deflater;
    private readonly MessageInflater? _inflater;

    // The client's masking keys; null for a server, whose frames go out unmasked.
    private readonly MaskKeySource? _maskKeys;

    // Not lifecycle (that is _state, which a close reaches long before disposal): whether the buffers, the compressor and
    // the timers were released, as ManagedWebSocket keeps _disposed beside its _state. DisposeAsync runs once.
    private int _disposed;

    private WebSocketConnection(WebSocketRole role, IDuplexPipe transport, WebSocketLimits limits, DeflateParameters? deflate, DeflateOptions? deflateOptions, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.MaxMessageBytes > Array.MaxLength)
        {
            ConnectionThrow.MessageLimitTooLarge(limits.MaxMessageBytes);
        }
        _input = transport.Input;
        _output = transport.Output;
        _limits = limits;
        _time = time ?? TimeProvider.System;
        Role = role;
        Deflate = deflate;
        _rules = role == WebSocketRole.Server ? FrameRules.ForServer(limits, allowRsv1: deflate.HasValue) : FrameRules.ForClient(limits, allowRsv1: deflate.HasValue);
        _tracker = new FragmentTracker(limits);
        _maxMessageBytes = limits.MaxMessageBytes;
        _sendSlots = new SemaphoreSlim(limits.SendQueueDepth, limits.SendQueueDepth);
        if (deflate is DeflateParameters parameters)
        {
            deflateOptions ??= new DeflateOptions();
            _deflater = role == WebSocketRole.Server ? MessageDeflater.CreateForServer(parameters, deflateOptions) : MessageDeflater.CreateForClient(parameters, deflateOptions);
            _inflater = role == WebSocketRole.Server ? MessageInflater.CreateForServer(parameters) : MessageInflater.CreateForClient(parameters);
        }
        _maskKeys = role == WebSocketRole.Client ? new MaskKeySource() : null;
        StartKeepAlive();
    }

    /// <summary>
    /// Creates the server end of a connection whose handshake is done, and starts its keep-alive timer. It refuses
    /// unmasked frames (1002) and sends its own unmasked (RFC 6455 §5.1).
    /// </summary>
    /// <param name="transport">The connection's pipes, positioned just after the 101 response.</param>
    /// <param name="limits">Message, frame, queue and timing limits; read once here and not watched for changes.</param>
    /// <param name="deflate">The negotiated permessage-deflate parameters; null when the extension was not agreed. The
    /// server compresses with <see cref="DeflateParameters.ServerMaxWindowBits"/>, resetting per message under
    /// <see cref="DeflateParameters.ServerNoContextTakeover"/>, and inflates resetting per message under
    /// <see cref="DeflateParameters.ClientNoContextTakeover"/>.</param>
    /// <param name="deflateOptions">The compression level, memory level and threshold; defaults when null.</param>
    /// <param name="time">The clock for keep-alive, send and close timeouts; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="transport"/> or <paramref name="limits"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="WebSocketLimits.MaxMessageBytes"/> exceeds the largest array.</exception>
    /// <exception cref="ZlibException">Deflate was negotiated and zlib cannot be loaded.</exception>
    public static WebSocketConnection CreateServer(IDuplexPipe transport, WebSocketLimits limits, DeflateParameters? deflate, DeflateOptions? deflateOptions, TimeProvider? time = null) =>
        new(WebSocketRole.Server, transport, limits, deflate, deflateOptions, time);

    /// <summary>
    /// Creates the client end of a connection whose handshake is done (see
    /// <see cref="Handshake.WebSocketClientHandshake.ConnectAsync"/>, which does it and calls this), and starts its
    /// keep-alive timer. It masks every frame it sends with a fresh key from a cryptographically strong source (RFC 6455
    /// §5.3), masking its copy in the transport's memory, never the caller's buffer, and refuses masked frames from the
    /// server (1002).
    /// </summary>
    /// <param name="transport">The connection's pipes, positioned just after the server's 101 response.</param>
    /// <param name="limits">Message, frame, queue and timing limits; read once here and not watched for changes.</param>
    /// <param name="deflate">The permessage-deflate parameters the server's response agreed; null when it agreed none.
    /// The client compresses with <see cref="DeflateParameters.ClientMaxWindowBits"/>, resetting per message under
    /// <see cref="DeflateParameters.ClientNoContextTakeover"/>, and inflates resetting per message under
    /// <see cref="DeflateParameters.ServerNoContextTakeover"/>.</param>
    /// <param name="deflateOptions">The compression level, memory level and threshold; defaults when null.</param>
    /// <param name="time">The clock for keep-alive, send and close timeouts; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="transport"/> or <paramref name="limits"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="WebSocketLimits.MaxMessageBytes"/> exceeds the largest array.</exception>
    /// <exception cref="ZlibException">Deflate was negotiated and zlib cannot be loaded.</exception>
    public static WebSocketConnection CreateClient(IDuplexPipe transport, WebSocketLimits limits, DeflateParameters? deflate, DeflateOptions? deflateOptions = null, TimeProvider? time = null) =>
        new(WebSocketRole.Client, transport, limits, deflate, deflateOptions, time);

    /// <summary>Which end of the connection this is: it decides which way frames are masked.</summary>
    public WebSocketRole Role { get; }

    /// <summary>The permessage-deflate parameters in force; null when the extension was not agreed.</summary>
    public DeflateParameters? Deflate { get; }

    /// <summary>
    /// The close status of the connection once it closed: the peer's close code when its close frame arrived
    /// (<see cref="CloseStatusCodes.NoStatusReceived"/>, 1005, when that frame carried none); otherwise the code we failed
    /// the connection with; <see cref="CloseStatusCodes.AbnormalClosure"/> (1006) when the transport ended or was aborted
    /// without a close frame. Null while open.
    /// </summary>
    public ushort? CloseStatus { get; private set; }

    /// <summary>The peer's close reason, or our description of the failure; null while open or when there was none.</summary>
    public string? CloseReason { get; private set; }

    /// <summary>
    /// Aborts the connection unless it already ended (no close handshake: the state becomes
    /// <see cref="WebSocketConnectionState.Aborted"/>) and releases the compressor, the inflater and the buffers. Never
    /// throws. Afterwards <see cref="SendAsync"/> throws <see cref="WebSocketClosedException"/>,
    /// <see cref="ReceiveAsync"/> returns null and <see cref="CloseAsync"/> returns at once.
    /// </summary>
    /// <remarks>Call it after the receive loop has returned; a receive still running ends with null and frees its own resources.</remarks>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        // Aborted first: a keep-alive firing that is already running then sees the state and leaves the timer alone.
        Abort(CloseStatusCodes.AbnormalClosure, "The connection was disposed.");
        _keepAliveTimer?.Dispose();
        await CompleteOutputAsync().ConfigureAwait(false);
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _deflater?.Dispose();
            _sendBuffer.Dispose();
        }
        finally
        {
            _writeLock.Release();
        }
        if (Interlocked.CompareExchange(ref _receiver, ReceiverReleased, ReceiverFree) == ReceiverFree)
        {
            ReleaseReceiveResources();
        }
    }
}
