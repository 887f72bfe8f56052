using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;

namespace MaoOcr.WebSockets.Compression;

/// <summary>
/// Inflates permessage-deflate messages (RFC 7692 §7.2.2) as their frames arrive, into the caller's
/// <see cref="IBufferWriter{T}"/>. At the end of each message it appends 00 00 FF FF. It counts inflated bytes
/// against the caller's limit while inflating and stops one byte past it, so a small payload that expands
/// enormously (a decompression bomb) costs at most the limit plus one byte of output.
/// </summary>
/// <remarks>
/// It inflates with a 32 KiB window whatever the peer's negotiated window: a larger window inflates any stream
/// made with a smaller one, and it still decodes peers whose compressor quietly used more than it agreed to
/// (zlib-ng 2.0.x at level 1 used 13 bits for any smaller request, zlib-ng/zlib-ng#1417). The cost is the 32 KiB
/// zlib allocates on first use, and on .NET's zlib-ng with context takeover another 32 KiB for our copy of the window
/// (<see cref="InflateHistory"/>), which that shim cannot hand out. Not thread-safe: one instance per connection, used by its one reader. After a
/// refusal or an exception the instance refuses further use; the connection must be closed.
/// </remarks>
public sealed unsafe class MessageInflater : IDisposable
{
    /// <summary>The window this side inflates with, whichever side it is (see remarks).</summary>
    public const int DefaultWindowBits = PerMessageDeflate.MaxWindowBits;

    // What the inflater asks of a writer whose free room it cannot see, per call, when the limit allows: a PipeWriter's
    // default segment.
    private const int OutputSpanHint = 4096;

    // The probe's size: enough for zlib to show whether any output is left, small enough for the stack.
    private const int ProbeBytes = 64;

    // zlib.h: inflate adds 128 to data_type when it returned right after the end of a block.
    internal const int DataTypeEndOfBlock = 128;

    private readonly ZlibStreamHandle _stream;
    private readonly bool _resetAfterMessage;
    private readonly InflateHistory? _history;
    private long _messageBytes;
    private bool _finalBlockSeen;
    private bool _broken;

    /// <summary>Creates a decompressor for one direction of one connection.</summary>
    /// <param name="peerNoContextTakeover">The sender agreed to reset after every message, so this side may too.</param>
    /// <exception cref="ZlibException">zlib cannot be loaded.</exception>
    public MessageInflater(bool peerNoContextTakeover) : this(peerNoContextTakeover, DefaultWindowBits, ZlibLibrary.Backend) { }

    /// <summary>For tests: inflate with a smaller window, to prove a sender stays within it.</summary>
    internal MessageInflater(bool peerNoContextTakeover, int windowBits) : this(peerNoContextTakeover, windowBits, ZlibLibrary.Backend) { }

    /// <summary>For tests: inflate with a given backend, so the fallback stays tested on a machine that has the preferred one.</summary>
    internal MessageInflater(bool peerNoContextTakeover, int windowBits, ZlibBackend backend)
    {
        CompressionThrow.IfOutOfRange(windowBits, PerMessageDeflate.MinWindowBits, PerMessageDeflate.MaxWindowBits, nameof(windowBits));
        _resetAfterMessage = peerNoContextTakeover;
        _stream = ZlibStreamHandle.CreateInflate(windowBits, backend);
        // Without inflateGetDictionary a final block could not be followed by a message that refers back past it.
        _history = backend == ZlibBackend.DotNetZlibNg && !peerNoContextTakeover ? new InflateHistory() : null;
    }

    /// <summary>The library this instance inflates with.</summary>
    public ZlibBackend Backend => _stream.Backend;

    /// <summary>The server's decompressor for a negotiated connection: it resets per message when client_no_context_takeover was agreed.</summary>
    /// <exception cref="ZlibException">zlib cannot be loaded.</exception>
    public static MessageInflater CreateForServer(in DeflateParameters parameters) => new(parameters.ClientNoContextTakeover);

    /// <summary>
    /// The client's decompressor for a negotiated connection: it resets per message when server_no_context_takeover was
    /// agreed. It inflates with the full 32 KiB window, which reads any stream made within the server's
    /// <c>server_max_window_bits</c> (see remarks).
    /// </summary>
    /// <exception cref="ZlibException">zlib cannot be loaded.</exception>
    public static MessageInflater CreateForClient(in DeflateParameters parameters) => new(parameters.ServerNoContextTakeover);

    /// <summary>Inflates the next piece of a compressed message's payload: a frame, or part of one.</summary>
    /// <param name="payload">Compressed bytes, unmasked. May be empty.</param>
    /// <param name="endOfMessage">This piece ends the message (the FIN frame's last bytes).</param>
    /// <param name="destination">Receives the inflated bytes.</param>
    /// <param name="maxMessageBytes">The most inflated bytes the whole message may have, ≥ 0; pass the same value for every piece of a message.</param>
    /// <returns>The status and byte counts. A refusal leaves at most <paramref name="maxMessageBytes"/> + 1 message bytes written.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxMessageBytes"/> is negative.</exception>
    /// <exception cref="ZlibException">zlib failed (not for bad input, which is a status).</exception>
    /// <exception cref="InvalidOperationException">An earlier call refused a message or failed.</exception>
    public InflateResult Inflate(ReadOnlySpan<byte> payload, bool endOfMessage, IBufferWriter<byte> destination, long maxMessageBytes)
    {
        EnterCall(destination, maxMessageBytes);
        long written = 0;
        InflateStatus status = InflateInput(payload, ZlibFlush.NoFlush, destination, maxMessageBytes, ref written);
        if (status == InflateStatus.Ok && endOfMessage)
        {
            status = EndMessage(destination, maxMessageBytes, ref written);
        }
        return Complete(status, written, endOfMessage);
    }

    /// <inheritdoc cref="Inflate(ReadOnlySpan{byte}, bool, IBufferWriter{byte}, long)"/>
    public InflateResult Inflate(in ReadOnlySequence<byte> payload, bool endOfMessage, IBufferWriter<byte> destination, long maxMessageBytes)
    {
        EnterCall(destination, maxMessageBytes);
        long written = 0;
        InflateStatus status = InflateStatus.Ok;
        foreach (ReadOnlyMemory<byte> segment in payload)
        {
            status = InflateInput(segment.Span, ZlibFlush.NoFlush, destination, maxMessageBytes, ref written);
            if (status != InflateStatus.Ok)
            {
                break;
            }
        }
        if (status == InflateStatus.Ok && endOfMessage)
        {
            status = EndMessage(destination, maxMessageBytes, ref written);
        }
        return Complete(status, written, endOfMessage);
    }

    public void Dispose() => _stream.Dispose();

    private void EnterCall(IBufferWriter<byte> destination, long maxMessageBytes)
    {
        ArgumentNullException.ThrowIfNull(destination);
        CompressionThrow.IfLessThan(maxMessageBytes, 0, nameof(maxMessageBytes));
        if (_broken)
        {
            CompressionThrow.Broken(nameof(MessageInflater));
        }
        // Cleared when the call succeeds: an exception or a refusal leaves the instance unusable.
        _broken = true;
    }

    private InflateResult Complete(InflateStatus status, long written, bool endOfMessage)
    {
        var result = new InflateResult(status, written, _messageBytes);
        if (status == InflateStatus.Ok)
        {
            _broken = false;
            if (endOfMessage)
            {
                _messageBytes = 0;
            }
        }
        return result;
    }

    private InflateStatus InflateInput(ReadOnlySpan<byte> input, ZlibFlush flush, IBufferWriter<byte> destination, long limit, ref long written)
    {
        if (input.IsEmpty)
        {
            return InflateStatus.Ok;
        }
        if (_finalBlockSeen)
        {
            // The rest of a message after its final block is not DEFLATE data and is skipped: RFC 7692 §7.2.1 has a
            // sender that flushed with BFINAL append an empty stored block all the same (§7.2.3.4 ends with that 0x00).
            return InflateStatus.Ok;
        }
        ZlibStreamHandle stream = _stream;
        InflateStatus result;
        Span<byte> probe = stackalloc byte[ProbeBytes];
        fixed (byte* inputPointer = input)
        {
            stream.SetInput(inputPointer, (uint)input.Length);
            while (true)
            {
                // Room for one byte past the limit and no more: producing that byte proves the limit was exceeded.
                long remaining = limit - _messageBytes;
                // A destination whose room we can see is filled to its end before it grows, and a full one is not grown
                // on spec: after the last byte zlib is often called once more (for the rest of the input, or the message
                // trailer) and gives nothing, and growing a full 1 MiB buffer for that doubles it past what a connection
                // keeps. So a small probe first, and only output that really comes grows it.
                int free = FreeCapacity(destination);
                bool probing = free == 0;
                Span<byte> span = probing ? probe
                    : destination.GetSpan(free > 0 ? 1 : remaining >= OutputSpanHint ? OutputSpanHint : (int)remaining + 1);
                int capacity = remaining >= span.Length ? span.Length : (int)remaining + 1;
                ZlibStatus status;
                fixed (byte* outputPointer = span)
                {
                    stream.SetOutput(outputPointer, (uint)capacity);
                    status = stream.Inflate(flush);
                }
                uint availOut = stream.AvailOut;
                int produced = capacity - (int)availOut;
                if (produced > 0)
                {
                    _history?.Append(span[..produced]);
                    if (probing)
                    {
                        destination.Write(span[..produced]);
                    }
                    else
                    {
                        destination.Advance(produced);
                    }
                    _messageBytes += produced;
                    written += produced;
                }
                if (_messageBytes > limit)
                {
                    result = InflateStatus.MessageTooBig;
                    break;
                }
                if (status == ZlibStatus.StreamEnd)
                {
                    // RFC 7692 §7.2.3.4: a sender may end a message with a final block. What follows it is skipped (above).
                    _finalBlockSeen = true;
                    result = InflateStatus.Ok;
                    break;
                }
                if (status is ZlibStatus.DataError or ZlibStatus.NeedDictionary)
                {
                    result = InflateStatus.CorruptData;
                    break;
                }
                if (status == ZlibStatus.BufferError)
                {
                    // No progress with input left only happens under Z_BLOCK, when the trailer did not end a block
                    // where the payload said it would; without input left it just means "give me more".
                    result = stream.AvailIn == 0 ? InflateStatus.Ok : InflateStatus.CorruptData;
                    break;
                }
                stream.ThrowIfFailed(status, "inflate");
                if (stream.AvailIn == 0 && availOut != 0)
                {
                    result = InflateStatus.Ok;
                    break;
                }
            }
            stream.ClearBuffers();
        }
        return result;
    }

    /// <summary>Room left in <paramref name="destination"/> without growing it, for the writers we know; -1 otherwise.</summary>
    private static int FreeCapacity(IBufferWriter<byte> destination) => destination switch
    {
        MessageBuffer message => message.FreeCapacity,
        ArrayBufferWriter<byte> array => array.FreeCapacity,
        _ => -1,
    };

    private InflateStatus EndMessage(IBufferWriter<byte> destination, long limit, ref long written)
    {
        if (!_finalBlockSeen)
        {
            // RFC 7692 §7.2.2: append 00 00 FF FF, the LEN and NLEN of the empty stored block whose header the
            // sender's flush left in the payload. Z_BLOCK stops right after that block.
            InflateStatus status = InflateInput(PerMessageDeflate.SyncFlushTrailer, ZlibFlush.Block, destination, limit, ref written);
            if (status != InflateStatus.Ok)
            {
                return status;
            }
            // Without "end of block" in data_type the message stopped inside a block: it was cut short or was not
            // DEFLATE, and the next message would be decoded from a broken state.
            if (!_finalBlockSeen && (_stream.DataType & DataTypeEndOfBlock) == 0)
            {
                return InflateStatus.CorruptData;
            }
        }
        if (_resetAfterMessage)
        {
            _stream.ThrowIfFailed(_stream.InflateReset(), "inflateReset");
        }
        else if (_finalBlockSeen)
        {
            RestartKeepingWindow();
        }
        _finalBlockSeen = false;
        return InflateStatus.Ok;
    }

    /// <summary>
    /// After a final block zlib's stream is finished, but with context takeover the next message may still refer
    /// to this one's bytes. Restart the stream with the old window as its dictionary, which raw inflate accepts at any time.
    /// </summary>
    private void RestartKeepingWindow()
    {
        if (_history is not null)
        {
            RestartFromHistory(_history);
            return;
        }
        ZStream* stream = _stream.Stream;
        byte[] window = ArrayPool<byte>.Shared.Rent(1 << PerMessageDeflate.MaxWindowBits);
        try
        {
            fixed (byte* windowPointer = window)
            {
                uint length = 0;
                _stream.ThrowIfFailed(ZlibNative.InflateGetDictionary(stream, windowPointer, &length), "inflateGetDictionary");
                Debug.Assert(length <= (uint)window.Length);
                _stream.ThrowIfFailed(ZlibNative.InflateReset(stream), "inflateReset");
                if (length > 0)
                {
                    _stream.ThrowIfFailed(ZlibNative.InflateSetDictionary(stream, windowPointer, length), "inflateSetDictionary");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(window);
        }
    }

    /// <summary>
    /// inflateSetDictionary without the function (.NET's shim lacks it): after the reset, inflate one non-final stored
    /// block (RFC 1951 §3.2.4: header bits 0 and 00, padding, LEN, NLEN) that holds the old window, and discard what it
    /// produces. The stream's window then holds exactly those bytes, as a dictionary would put them there.
    /// </summary>
    private void RestartFromHistory(InflateHistory history)
    {
        const int StoredBlockHeaderLength = 5;
        _stream.ThrowIfFailed(_stream.InflateReset(), "inflateReset");
        byte[] block = ArrayPool<byte>.Shared.Rent(StoredBlockHeaderLength + InflateHistory.Capacity);
        byte[] discard = ArrayPool<byte>.Shared.Rent(InflateHistory.Capacity);
        try
        {
            int length = history.CopyTo(block.AsSpan(StoredBlockHeaderLength));
            if (length == 0)
            {
                return;
            }
            block[0] = 0x00;
            BinaryPrimitives.WriteUInt16LittleEndian(block.AsSpan(1), (ushort)length);
            BinaryPrimitives.WriteUInt16LittleEndian(block.AsSpan(3), (ushort)~length);
            fixed (byte* blockPointer = block)
            fixed (byte* discardPointer = discard)
            {
                _stream.SetInput(blockPointer, (uint)(StoredBlockHeaderLength + length));
                while (_stream.AvailIn != 0)
                {
                    _stream.SetOutput(discardPointer, (uint)discard.Length);
                    ZlibStatus status = _stream.Inflate(ZlibFlush.NoFlush);
                    if (status != ZlibStatus.Ok)
                    {
                        CompressionThrow.Zlib(status, "inflate (restoring the window)", _stream.NativeMessage);
                    }
                }
                _stream.ClearBuffers();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(discard);
            ArrayPool<byte>.Shared.Return(block);
        }
    }
}
