using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using MaoOcr.WebSockets.Compression;
using MaoOcr.WebSockets.Framing;

namespace MaoOcr.WebSockets;

public sealed partial class WebSocketConnection
{
    /// <summary>Compressed payload is unmasked in pieces of this size before inflating: the pipe's default segment, four times.</summary>
    private const int InflateChunkBytes = 16 * 1024;

    /// <summary>
    /// Inside a binary frame's payload, a read waits for this much of it (or the rest of the frame, when less) before the
    /// receiver wakes: the transport flushes every socket read, 4 KiB at a time, and waking for each costs more than the
    /// unmasking. 32 KiB: half a default <see cref="PipeOptions"/> pause threshold (64 KiB) and well under Kestrel's
    /// (MaxRequestBufferSize, 1 MiB), so that the writer is never paused before the reader's minimum is reached.
    /// Text frames are read as their bytes come: UTF-8 fails fast (Autobahn 6.4), so an invalid byte must be seen even
    /// when the rest of its frame never arrives.
    /// </summary>
    private const int PayloadReadAheadBytes = 32 * 1024;

    private readonly FrameRules _rules;
    private readonly long _maxMessageBytes;
    private readonly MessageBuffer _message = new();
    private readonly byte[] _control = new byte[WebSocketConstants.MaxControlPayloadLength];
    private FragmentTracker _tracker;
    private Utf8Validator _utf8;
    private byte[]? _inflateChunk;

    // Who holds the receive side: the PipeReader and the parser state are not thread-safe, so one holder at a time. Not
    // lifecycle (that is _state): ownership, as ManagedWebSocket's pending-receive task is. The application's ReceiveAsync,
    // CloseAsync's drain (a ReceiveAsync meanwhile waits for it and returns null) or, for good, DisposeAsync.
    private const int ReceiverFree = 0;
    private const int ReceiverApplication = 1;
    private const int ReceiverCloseDrain = 2;
    private const int ReceiverReleased = 3;
    private int _receiver;

    // Not lifecycle: whether the input pipe was handed back, so that it is completed once. Only the receiver holder
    // completes it, and only once the state allows no more receiving (or on the way there).
    private bool _inputCompleted;

    // The frame whose payload is being read: its header is consumed, its payload perhaps partly.
    private bool _inFrame;
    private AcceptedFrame _frame;
    private uint _maskKey;
    private int _maskOffset;
    private long _frameRemaining;
    private int _controlLength;

    // Why ProcessBuffer failed the connection.
    private ushort _failStatus;
    private string? _failReason;

    private enum ReceiveStep
    {
        NeedMoreData,
        MessageComplete,
        ControlFrame,
        Failed,
    }

    /// <summary>
    /// Receives the next complete data message. Pings are answered, pongs noted and the peer's close answered on the
    /// way; a frame or message that breaks a rule fails the connection with the matching close status (1002, 1007, 1009).
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait for data; the connection is then in an unknown state and should be disposed.</param>
    /// <returns>
    /// The message, whose payload is valid until the next call; null once nothing more can be received: the state is
    /// <see cref="WebSocketConnectionState.CloseReceived"/>, <see cref="WebSocketConnectionState.Closed"/> or
    /// <see cref="WebSocketConnectionState.Aborted"/> (see <see cref="CloseStatus"/> for how it ended), the connection was
    /// disposed, or <see cref="CloseAsync"/> is reading the rest itself.
    /// </returns>
    /// <exception cref="WebSocketClosedException">The transport failed under this receive; the connection is now aborted and the exception's inner exception says how.</exception>
    /// <exception cref="InvalidOperationException">Another receive is in progress (not when it is <see cref="CloseAsync"/>'s: this call then waits for the close and returns null).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ValueTask<WebSocketMessage?> ReceiveAsync(CancellationToken cancellationToken)
    {
        switch (Interlocked.CompareExchange(ref _receiver, ReceiverApplication, ReceiverFree))
        {
            case ReceiverFree:
                // Not async itself: one state machine per receive (the loop's), not two.
                return ReceiveCoreAsync(cancellationToken, endsReceive: true);
            case ReceiverCloseDrain:
                // CloseAsync is reading the rest of the connection: there is nothing left for the application.
                return WaitForCloseDrainAsync(cancellationToken);
            case ReceiverReleased:
                // Disposed: the connection is over and the receiver's buffers are gone.
                return ValueTask.FromResult<WebSocketMessage?>(null);
            default:
                ConnectionThrow.ConcurrentReceive();
                return default;
        }
    }

    // The rare path kept out of ReceiveAsync, so that the common one stays free of a second state machine.
    private async ValueTask<WebSocketMessage?> WaitForCloseDrainAsync(CancellationToken cancellationToken)
    {
        await _peerClosed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// The receive loop; the caller holds <see cref="_receiver"/>. With <paramref name="endsReceive"/>, gives it up when
    /// done, and frees the receiver's resources if the connection was disposed meanwhile.
    /// </summary>
    // A pooled builder, as ManagedWebSocket uses: a receive that waits for the pipe would otherwise allocate its state machine every message.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<WebSocketMessage?> ReceiveCoreAsync(CancellationToken cancellationToken, bool endsReceive = false)
    {
        using var receive = new ReceiveScope(this, endsReceive);
        if (!CanReceive(State))
        {
            // The peer's close came or the connection ended: nothing more will arrive. After an abort by another task
            // (a timer, DisposeAsync) the input is still ours to hand back.
            await CompleteInputAsync().ConfigureAwait(false);
            return null;
        }
        _message.Clear();
        while (true)
        {
            ReadResult result;
            try
            {
                result = await ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
            {
                Abort(CloseStatusCodes.AbnormalClosure, "The transport failed.");
                await CompleteInputAsync().ConfigureAwait(false);
                ConnectionThrow.Closed(State, exception);
                return null;
            }
            if (result.IsCanceled || State == WebSocketConnectionState.Aborted)
            {
                // Only Abort cancels our reads.
                _input.AdvanceTo(result.Buffer.Start);
                await CompleteInputAsync().ConfigureAwait(false);
                return null;
            }
            ReadOnlySequence<byte> buffer = result.Buffer;
            ReceiveStep step = ProcessBuffer(ref buffer);
            _input.AdvanceTo(buffer.Start, step == ReceiveStep.NeedMoreData ? result.Buffer.End : buffer.Start);
            switch (step)
            {
                case ReceiveStep.MessageComplete:
                    return new WebSocketMessage(_frame.Opcode, _message.WrittenMemory);
                case ReceiveStep.ControlFrame:
                    if (!await HandleControlFrameAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return null;
                    }
                    break;
                case ReceiveStep.Failed:
                    await FailAsync(_failStatus, _failReason!).ConfigureAwait(false);
                    return null;
                default:
                    Debug.Assert(step == ReceiveStep.NeedMoreData);
                    if (result.IsCompleted)
                    {
                        // The transport ended without a close frame (§7.1.5: 1006).
                        Abort(CloseStatusCodes.AbnormalClosure, null);
                        await CompleteInputAsync().ConfigureAwait(false);
                        await CompleteOutputAsync().ConfigureAwait(false);
                        return null;
                    }
                    break;
            }
        }
    }

    /// <summary>Reads from the transport: for more of a binary frame's payload, waits until a useful amount is there.</summary>
    private ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken)
    {
        // _frame.Opcode is the message's, so a continuation of a text message counts as text.
        if (_inFrame && _frame.Opcode == WebSocketOpcode.Binary && _frameRemaining > 0)
        {
            // Nothing of the frame is left unconsumed between reads, so the minimum counts new payload bytes only.
            return _input.ReadAtLeastAsync((int)Math.Min(_frameRemaining, PayloadReadAheadBytes), cancellationToken);
        }
        return _input.ReadAsync(cancellationToken);
    }

    /// <summary>
    /// Reads frames from <paramref name="buffer"/> until a message or a control frame is complete, a rule is broken, or
    /// the bytes run out. Leaves <paramref name="buffer"/> starting at the first byte not consumed.
    /// </summary>
    private ReceiveStep ProcessBuffer(ref ReadOnlySequence<byte> buffer)
    {
        while (true)
        {
            if (!_inFrame)
            {
                var reader = new SequenceReader<byte>(buffer);
                FrameParseStatus status = FrameHeaderParser.TryParse(ref reader, _rules, out FrameHeader header, out FrameError error);
                if (status == FrameParseStatus.NeedMoreData)
                {
                    return ReceiveStep.NeedMoreData;
                }
                if (status == FrameParseStatus.Invalid || !_tracker.TryAccept(header, out _frame, out error))
                {
                    return Fail(error);
                }
                buffer = buffer.Slice(reader.Position);
                NoteFrameReceived();
                _inFrame = true;
                _maskKey = header.MaskKey;
                _maskOffset = 0;
                _frameRemaining = header.PayloadLength;
                if (_frame.IsFirstFragment && !_frame.IsControl)
                {
                    _utf8.Reset();
                }
            }

            if (_frame.IsControl)
            {
                // At most 125 bytes: wait for all of them, then unmask into the control buffer.
                if (buffer.Length < _frameRemaining)
                {
                    return ReceiveStep.NeedMoreData;
                }
                _controlLength = (int)_frameRemaining;
                Masking.Unmask(buffer.Slice(0, _controlLength), _control, _maskKey, 0);
                buffer = buffer.Slice(_controlLength);
                _inFrame = false;
                return ReceiveStep.ControlFrame;
            }

            long available = Math.Min(buffer.Length, _frameRemaining);
            if (available == 0 && _frameRemaining != 0)
            {
                return ReceiveStep.NeedMoreData;
            }
            bool frameDone = available == _frameRemaining;
            bool messageDone = frameDone && _frame.EndsMessage;
            ReadOnlySequence<byte> piece = buffer.Slice(0, available);
            bool accepted = _frame.IsCompressed ? InflatePiece(piece, messageDone) : CopyPiece(piece, messageDone);
            if (!accepted)
            {
                return ReceiveStep.Failed;
            }
            buffer = buffer.Slice(available);
            _frameRemaining -= available;
            if (frameDone)
            {
                _inFrame = false;
                if (messageDone)
                {
                    return ReceiveStep.MessageComplete;
                }
            }
        }
    }

    /// <summary>Unmasks an uncompressed payload piece straight from the pipe into the message buffer.</summary>
    private bool CopyPiece(in ReadOnlySequence<byte> piece, bool messageDone)
    {
        // The tracker has bounded the message by the limit, which fits an array (checked in the constructor).
        int length = (int)piece.Length;
        Span<byte> destination = _message.GetSpan(length).Slice(0, length);
        _maskOffset = Masking.Unmask(piece, destination, _maskKey, _maskOffset);
        _message.Advance(length);
        return _frame.Opcode != WebSocketOpcode.Text || ValidateText(destination, messageDone);
    }

    /// <summary>Unmasks a compressed payload piece in chunks and inflates it into the message buffer, bounded by the message limit.</summary>
    private bool InflatePiece(ReadOnlySequence<byte> piece, bool messageDone)
    {
        Debug.Assert(_inflater is not null, "RSV1 is refused by the parser unless deflate was negotiated.");
        _inflateChunk ??= ArrayPool<byte>.Shared.Rent(InflateChunkBytes);
        do
        {
            int length = (int)Math.Min(piece.Length, _inflateChunk.Length);
            Span<byte> chunk = _inflateChunk.AsSpan(0, length);
            _maskOffset = Masking.Unmask(piece.Slice(0, length), chunk, _maskKey, _maskOffset);
            piece = piece.Slice(length);
            bool last = messageDone && piece.IsEmpty;
            int start = _message.WrittenCount;
            InflateResult result = _inflater.Inflate(chunk, last, _message, _maxMessageBytes);
            if (result.Status != InflateStatus.Ok)
            {
                return Fail(result.Status.CloseStatusCode(), result.Status == InflateStatus.MessageTooBig
                    ? "A message exceeded the message size limit once inflated."
                    : "A compressed message was not valid DEFLATE data.");
            }
            if (_frame.Opcode == WebSocketOpcode.Text && !ValidateText(_message.WrittenSpan.Slice(start), last))
            {
                return false;
            }
        }
        while (!piece.IsEmpty);
        return true;
    }

    /// <summary>Validates newly written text as it arrives, so invalid UTF-8 fails before the rest of the message is read.</summary>
    private bool ValidateText(ReadOnlySpan<byte> text, bool messageDone)
    {
        if (_utf8.TryAdvance(text, messageDone))
        {
            return true;
        }
        Fail(new FrameError(FrameErrorReason.InvalidUtf8));
        return false;
    }

    private ReceiveStep Fail(FrameError error)
    {
        Fail(error.CloseStatus, error.Description);
        return ReceiveStep.Failed;
    }

    private bool Fail(ushort status, string reason)
    {
        _failStatus = status;
        _failReason = reason;
        return false;
    }

    /// <summary>Acts on the control frame in <see cref="_control"/>. Returns false when the connection is now closed.</summary>
    private async ValueTask<bool> HandleControlFrameAsync(CancellationToken cancellationToken)
    {
        switch (_frame.Opcode)
        {
            case WebSocketOpcode.Ping:
                // §5.5.2: answer with a pong carrying the ping's payload. Our lock orders it with data frames.
                await SendControlFrameAsync(WebSocketOpcode.Pong, _control.AsMemory(0, _controlLength), cancellationToken).ConfigureAwait(false);
                return true;
            case WebSocketOpcode.Pong:
                // Any frame proves liveness (NoteFrameReceived); an unsolicited pong needs no answer (§5.5.3).
                return true;
            default:
                Debug.Assert(_frame.Opcode == WebSocketOpcode.Close);
                return await HandleCloseFrameAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The peer's close frame: record it, answer it unless we started the handshake, and end the connection.</summary>
    private async ValueTask<bool> HandleCloseFrameAsync()
    {
        ushort status;
        string? reason;
        if (ClosePayloadParser.TryParse(_control.AsSpan(0, _controlLength), out ClosePayload close, out FrameError error))
        {
            status = close.StatusCode;
            reason = close.Reason.IsEmpty ? null : Encoding.UTF8.GetString(close.Reason);
        }
        else
        {
            await FailAsync(error.CloseStatus, error.Description).ConfigureAwait(false);
            return false;
        }
        SetCloseStatus(status, reason);
        OnCloseFrameReceived();
        // §5.5.1: echo the status code; a close without one is answered with an empty close. Nothing to send when we
        // closed first (our frame is out) or the connection was aborted meanwhile.
        int length = close.HasStatus ? WebSocketConstants.CloseStatusLength : 0;
        await SendCloseFrameAsync(_control.AsMemory(0, length)).ConfigureAwait(false);
        Debug.Assert(State is WebSocketConnectionState.Closed or WebSocketConnectionState.Aborted);
        _peerClosed.TrySetResult();
        await CompleteInputAsync().ConfigureAwait(false);
        await CompleteOutputAsync().ConfigureAwait(false);
        return false;
    }

    private async ValueTask CompleteInputAsync()
    {
        Debug.Assert(!CanReceive(State), "The input is handed back only once nothing more may be received.");
        if (!_inputCompleted)
        {
            _inputCompleted = true;
            await _input.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Ends a <see cref="ReceiveAsync"/> however its loop leaves (a struct, so the state machine holds it: no allocation).</summary>
    private readonly struct ReceiveScope(WebSocketConnection connection, bool endsReceive) : IDisposable
    {
        public void Dispose()
        {
            if (endsReceive)
            {
                connection.ReleaseReceiver();
            }
        }
    }

    /// <summary>Gives the receive side back; if the connection was disposed meanwhile, takes it for good and frees the receiver's resources.</summary>
    private void ReleaseReceiver()
    {
        Volatile.Write(ref _receiver, ReceiverFree);
        if (Volatile.Read(ref _disposed) != 0 && Interlocked.CompareExchange(ref _receiver, ReceiverReleased, ReceiverFree) == ReceiverFree)
        {
            ReleaseReceiveResources();
        }
    }

    /// <summary>Frees what only the receiver uses; the caller holds <see cref="_receiver"/> for good (<see cref="ReceiverReleased"/>).</summary>
    private void ReleaseReceiveResources()
    {
        if (!_inputCompleted)
        {
            _inputCompleted = true;
            _input.Complete();
        }
        _inflater?.Dispose();
        _message.Dispose();
        if (_inflateChunk is not null)
        {
            ArrayPool<byte>.Shared.Return(_inflateChunk);
            _inflateChunk = null;
        }
    }
}
