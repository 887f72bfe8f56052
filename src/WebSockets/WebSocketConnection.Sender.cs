using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using MaoOcr.WebSockets.Framing;

namespace MaoOcr.WebSockets;

public sealed partial class WebSocketConnection
{
    /// <summary>
    /// Largest frame we send: larger messages go out as several frames, each flushed on its own, so that one message
    /// never holds more than this in the transport's pipe beyond its pause threshold. 64 KiB: the most a 16-bit length
    /// carries, and the fragment size ManagedWebSocket's own callers commonly use.
    /// </summary>
    public const int SendFrameBytes = 64 * 1024;

    // Slots of the send queue: a sender takes one before it waits for the writer, so at most SendQueueDepth messages
    // are queued or being written and the next sender waits (back-pressure from a peer that reads slowly). Control
    // frames (pong, ping, close) take no slot: they go ahead of the queued data, behind the frame being written.
    private readonly SemaphoreSlim _sendSlots;

    // One frame at a time on the PipeWriter, which is not thread-safe.
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    // Holds a compressed message until its length, which the header needs, is known. Used under _writeLock.
    private readonly MessageBuffer _sendBuffer = new();

    // Set, under _writeLock, while a message that takes several frames is being sent: it frees the write lock between
    // its frames so that control frames can go out, and other messages wait for this to complete. Null otherwise.
    private TaskCompletionSource? _fragmentedMessageDone;

    // Not lifecycle: whether the output pipe was handed back, so that it is completed once (under _writeLock). It is
    // completed only once the state is an end, so the state check before every write already keeps writes off it.
    private bool _outputCompleted;

    // Armed while a flush waits on back-pressure; drops the connection after SendTimeout. Created on the first such
    // wait and used under _writeLock; null while none happened or when the timeout is infinite.
    private ITimer? _sendTimer;

    /// <summary>
    /// Sends one message, in frames of at most <see cref="SendFrameBytes"/>, compressed when permessage-deflate was negotiated and the payload reaches
    /// <see cref="Compression.DeflateOptions.CompressionThreshold"/>. Waits while <see cref="WebSocketLimits.SendQueueDepth"/>
    /// messages are already queued, and while the transport's pipe is above its pause threshold. Control frames (pongs,
    /// pings, our close) may go out between the frames of a message that takes several (RFC 6455 §5.4), so a long
    /// message to a slow reader does not hold our pong back; other messages wait for the whole of it.
    /// </summary>
    /// <param name="opcode"><see cref="WebSocketOpcode.Text"/> (the caller vouches for valid UTF-8) or <see cref="WebSocketOpcode.Binary"/>.</param>
    /// <param name="payload">The message; copied into the pipe before the returned task completes.</param>
    /// <param name="cancellationToken">Cancels the wait for a slot or for the transport.</param>
    /// <exception cref="ArgumentException"><paramref name="opcode"/> is not Text or Binary.</exception>
    /// <exception cref="WebSocketClosedException">
    /// <see cref="State"/> allows no sending: our close frame is out (a <see cref="CloseAsync"/> may race this send), or
    /// the connection ended; or the transport failed under this send, which aborted the connection (the inner exception
    /// says how). Nothing of this message was sent after that point.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled. When that cuts a message off after its first frame, the connection is aborted (1006): the peer could not tell where a next message starts.</exception>
    // Pooled builder: a send that waits for the transport (every frame above the pipe's pause threshold) would otherwise allocate its state machine.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SendAsync(WebSocketOpcode opcode, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (opcode is not (WebSocketOpcode.Text or WebSocketOpcode.Binary))
        {
            ConnectionThrow.NotADataOpcode(opcode);
        }
        // Checked on entry, so that a send on a closed connection fails without queueing, and again under the write lock.
        ThrowIfCannotSend();
        await _sendSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await AcquireForMessageAsync(cancellationToken).ConfigureAwait(false);
            bool fragmented = false;
            bool finWritten = false;
            try
            {
                ThrowIfCannotSend();
                bool compressed = _deflater is not null && _deflater.ShouldCompress(payload.Length);
                if (compressed)
                {
                    // _sendBuffer stays ours until the last frame: other messages wait for _fragmentedMessageDone.
                    _sendBuffer.Clear();
                    _deflater!.Compress(payload.Span, _sendBuffer);
                    payload = _sendBuffer.WrittenMemory;
                }
                WebSocketOpcode frameOpcode = opcode;
                while (true)
                {
                    int length = Math.Min(payload.Length, SendFrameBytes);
                    bool fin = length == payload.Length;
                    // RFC 7692 §6.1: RSV1 marks the first frame of a compressed message only.
                    WriteFrame(frameOpcode, fin, rsv1: compressed && frameOpcode != WebSocketOpcode.Continuation, payload.Span.Slice(0, length));
                    payload = payload.Slice(length);
                    finWritten = fin;
                    if (!fin && !fragmented)
                    {
                        fragmented = true;
                        _fragmentedMessageDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                    if (!await FlushOrTimeOutAsync(cancellationToken).ConfigureAwait(false))
                    {
                        ConnectionThrow.Closed(State);
                    }
                    if (fin)
                    {
                        break;
                    }
                    frameOpcode = WebSocketOpcode.Continuation;
                    // Between frames the write lock is free for control frames; a close among them ends this message.
                    _writeLock.Release();
                    await _writeLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                    ThrowIfCannotSend();
                }
            }
            finally
            {
                if (fragmented)
                {
                    if (!finWritten && CanSend(State))
                    {
                        // Cancelled between frames: the peer now waits for a continuation that will never come, and a
                        // new message would break the framing. After our close frame none may follow anyway.
                        Abort(CloseStatusCodes.AbnormalClosure, "A message was cut off between its frames.");
                    }
                    TaskCompletionSource done = _fragmentedMessageDone!;
                    _fragmentedMessageDone = null;
                    done.SetResult();
                }
                _writeLock.Release();
            }
        }
        finally
        {
            _sendSlots.Release();
        }
    }

    /// <summary>
    /// Takes the write lock for a new message: waits until no message is part-way through its frames (the write lock
    /// is free between them, for control frames only).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask AcquireForMessageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            TaskCompletionSource? inProgress = _fragmentedMessageDone;
            if (inProgress is null)
            {
                return;
            }
            _writeLock.Release();
            await inProgress.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Frames up to this size are written into the transport's own blocks; larger ones into one span, while
    /// <see cref="s_largeSpanLimit"/> allows. Kestrel's pool hands out 4 KiB blocks, and its socket sender sends a
    /// multi-block buffer with one sendmsg whose iovec and GCHandle arrays come from the stack for up to 8 blocks and
    /// from the heap beyond (SocketPal.Unix, IovStackThreshold). Seven whole blocks keep a frame within 8 blocks
    /// wherever in a block it starts.
    /// </summary>
    internal const int BlockWrittenFrameBytes = 7 * TransportBlockBytes;

    // Kestrel's PinnedBlockMemoryPool block, the pipe's default segment as well.
    private const int TransportBlockBytes = 4096;

    // A large frame in one span holds an ArrayPool<byte>.Shared array from the write until the socket has sent it. The
    // shared pool keeps 32 arrays of a size per core (SharedArrayPool's default per partition) and allocates once they
    // are all out, as happens when tens of connections send large frames on a core or two. So at most half that many
    // connections per core, process-wide, write their large frames as one span; the others write them into blocks, where
    // the only cost is the socket's iovec arrays (about 450 B a send) instead of a 128 KiB array. A connection keeps its
    // share until its output completes: a flush can complete while the frame still waits in the pipe (below the pause
    // threshold), so the flush cannot give the share back. Kept, the shares stay with the connections that send large
    // frames; an idle connection holds at most one until it closes.
    private static readonly int s_largeSpanLimit = 16 * Environment.ProcessorCount;
    private static int s_largeSpansInFlight;

    // This connection holds one of s_largeSpanLimit. Used under _writeLock (given back in CompleteOutputAsync).
    private bool _holdsLargeSpan;

    /// <summary>How many large frames may be written as one span at once, process-wide; for tests.</summary>
    internal static int LargeSpanLimit => s_largeSpanLimit;

    /// <summary>How many large frames are written as one span right now, process-wide; for tests.</summary>
    internal static int LargeSpansInFlight => Volatile.Read(ref s_largeSpansInFlight);

    /// <summary>
    /// Writes one frame into the transport's pipe, under <see cref="_writeLock"/>. A client's frame is masked with a fresh
    /// key as it is copied (one pass: the pipe's memory gets the masked bytes, the caller's buffer is only read); a
    /// server's is copied as it is. Either way the frame goes into blocks or one span by the same rule.
    /// </summary>
    private void WriteFrame(WebSocketOpcode opcode, bool fin, bool rsv1, ReadOnlySpan<byte> payload)
    {
        uint? mask = _maskKeys?.Next();
        int headerLength = FrameHeaderWriter.GetHeaderLength(payload.Length, mask.HasValue);
        int frameLength = headerLength + payload.Length;
        if (frameLength <= BlockWrittenFrameBytes || !HoldLargeSpan())
        {
            // Into the pipe's blocks, copied piece by piece: nothing is rented. A medium frame stays within the socket's
            // stack-allocated iovecs; a large one costs only the heap iovec arrays.
            Span<byte> header = _output.GetSpan(headerLength);
            FrameHeaderWriter.Write(header, opcode, fin, rsv1, payload.Length, mask);
            _output.Advance(headerLength);
            if (mask is uint key)
            {
                WriteMaskedIntoBlocks(payload, key);
            }
            else
            {
                _output.Write(payload);
            }
            return;
        }
        // A large frame in one span, so in one pipe segment and one send(): a hint beyond the pool's block size makes
        // the pipe rent one array. A frame is at most SendFrameBytes + 14.
        Span<byte> frame = _output.GetSpan(frameLength);
        FrameHeaderWriter.Write(frame, opcode, fin, rsv1, payload.Length, mask);
        if (mask is uint largeKey)
        {
            Masking.Apply(payload, frame.Slice(headerLength), largeKey, 0);
        }
        else
        {
            payload.CopyTo(frame.Slice(headerLength));
        }
        _output.Advance(frameLength);
    }

    /// <summary>What <see cref="PipeWriter"/>'s Write does, block by block, with each piece masked on its way in.</summary>
    private void WriteMaskedIntoBlocks(ReadOnlySpan<byte> payload, uint mask)
    {
        int maskOffset = 0;
        while (!payload.IsEmpty)
        {
            Span<byte> block = _output.GetSpan();
            int length = Math.Min(block.Length, payload.Length);
            maskOffset = Masking.Apply(payload.Slice(0, length), block, mask, maskOffset);
            _output.Advance(length);
            payload = payload.Slice(length);
        }
    }

    /// <summary>True when this connection has, or now takes, a share of <see cref="s_largeSpanLimit"/>.</summary>
    private bool HoldLargeSpan()
    {
        if (_holdsLargeSpan)
        {
            return true;
        }
        if (Interlocked.Increment(ref s_largeSpansInFlight) > s_largeSpanLimit)
        {
            Interlocked.Decrement(ref s_largeSpansInFlight);
            return false;
        }
        _holdsLargeSpan = true;
        return true;
    }

    /// <summary>Gives this connection's share back: its output is complete, so the pipe holds none of its frames.</summary>
    private void ReleaseLargeSpan()
    {
        if (_holdsLargeSpan)
        {
            _holdsLargeSpan = false;
            Interlocked.Decrement(ref s_largeSpansInFlight);
        }
    }

    /// <summary>
    /// Writes one control frame ahead of queued data. Does nothing once the state allows no sending (after our close
    /// frame, nothing may follow it); a close frame moves the state as it is written.
    /// </summary>
    /// <exception cref="WebSocketClosedException">The transport failed under the frame; the connection is aborted.</exception>
    private async ValueTask SendControlFrameAsync(WebSocketOpcode opcode, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!CanSend(State))
            {
                return;
            }
            WriteFrame(opcode, fin: true, rsv1: false, payload.Span);
            if (opcode == WebSocketOpcode.Close)
            {
                // Before the flush: a data send waiting for the lock must already find our close frame out.
                OnCloseFrameSent();
            }
            await FlushOrTimeOutAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Flushes under <see cref="_writeLock"/>. A flush that back-pressure holds arms the send timer, so a peer that stops
    /// reading is dropped after <see cref="WebSocketLimits.SendTimeout"/> instead of holding every sender (and the pongs and
    /// close frames behind them) for ever. Returns false when <see cref="Abort"/> cancelled the flush.
    /// </summary>
    /// <exception cref="WebSocketClosedException">The transport failed under the flush; the connection is aborted.</exception>
    private ValueTask<bool> FlushOrTimeOutAsync(CancellationToken cancellationToken)
    {
        ValueTask<FlushResult> flush = _output.FlushAsync(cancellationToken);
        return flush.IsCompletedSuccessfully ? new ValueTask<bool>(!flush.Result.IsCanceled) : AwaitHeldFlushAsync(flush, cancellationToken);
    }

    private async ValueTask<bool> AwaitHeldFlushAsync(ValueTask<FlushResult> flush, CancellationToken cancellationToken)
    {
        if (_sendTimer is null && _limits.SendTimeout != Timeout.InfiniteTimeSpan)
        {
            _sendTimer = _time.CreateTimer(static state => ((WebSocketConnection)state!).Abort(CloseStatusCodes.AbnormalClosure,
                "The peer did not read our frames within the send timeout."), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        _sendTimer?.Change(_limits.SendTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            // Only Abort cancels our flushes.
            return !(await flush.ConfigureAwait(false)).IsCanceled;
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            // A stream transport's write failed (a reset socket, a disposed stream): nothing more can be sent.
            Abort(CloseStatusCodes.AbnormalClosure, "The transport failed.");
            ConnectionThrow.Closed(State, exception);
            return false;
        }
        finally
        {
            _sendTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Completes the transport's output once; cancels a flush held by back-pressure so that the lock frees.</summary>
    private async ValueTask CompleteOutputAsync()
    {
        Debug.Assert(State is WebSocketConnectionState.Closed or WebSocketConnectionState.Aborted, "The output is handed back only at an end.");
        CancelPendingFlush();
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_outputCompleted)
            {
                _outputCompleted = true;
                _sendTimer?.Dispose();
                ReleaseLargeSpan();
                try
                {
                    await _output.CompleteAsync().ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException)
                {
                    // A stream transport flushes what it still holds on completion, into a socket that may be gone; the
                    // connection has ended either way, and closing or disposing it does not throw for that.
                }
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
