using System.IO.Pipelines;
using MaoOcr.WebSockets.Compression;
using MaoOcr.WebSockets.Framing;

namespace MaoOcr.WebSockets;

/// <summary>
/// The server end of one WebSocket connection (RFC 6455, with RFC 7692 permessage-deflate when negotiated), run over the
/// transport's <see cref="IDuplexPipe"/> once the handshake is done. Frames are parsed in place from the pipe's buffers and
/// payloads unmasked straight into a pooled message buffer.
/// </summary>
/// <remarks>
/// <para>
/// One reader and any number of senders: <see cref="ReceiveAsync"/> must not overlap itself; <see cref="SendAsync"/> may be
/// called from several tasks at once and is serialized through a queue of <see cref="WebSocketLimits.SendQueueDepth"/> messages.
/// The receiver answers pings and the close handshake itself, so the application only sees data messages.
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

    // Not lifecycle (that is _state, which a close reaches long before disposal): whether the buffers, the compressor and
    // the timers were released, as ManagedWebSocket keeps _disposed beside its _state. DisposeAsync runs once.
    private int _disposed;

    /// <summary>Creates the connection and starts its keep-alive timer.</summary>
    /// <param name="transport">The connection's pipes, positioned just after the handshake.</param>
    /// <param name="limits">Message, frame, queue and timing limits; read once here and not watched for changes.</param>
    /// <param name="deflate">The negotiated permessage-deflate parameters; null when the extension was not agreed.</param>
    /// <param name="deflateOptions">The server's compression level and threshold; defaults when null.</param>
    /// <param name="time">The clock for keep-alive and close timeouts; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="transport"/> or <paramref name="limits"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="WebSocketLimits.MaxMessageBytes"/> exceeds the largest array.</exception>
    /// <exception cref="ZlibException">Deflate was negotiated and zlib cannot be loaded.</exception>
    public WebSocketConnection(IDuplexPipe transport, WebSocketLimits limits, DeflateParameters? deflate, DeflateOptions? deflateOptions, TimeProvider? time = null)
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
        _rules = FrameRules.ForServer(limits, allowRsv1: deflate.HasValue);
        _tracker = new FragmentTracker(limits);
        _maxMessageBytes = limits.MaxMessageBytes;
        _sendSlots = new SemaphoreSlim(limits.SendQueueDepth, limits.SendQueueDepth);
        if (deflate is DeflateParameters parameters)
        {
            _deflater = MessageDeflater.CreateForServer(parameters, deflateOptions ?? new DeflateOptions());
            _inflater = MessageInflater.CreateForServer(parameters);
        }
        StartKeepAlive();
    }

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
