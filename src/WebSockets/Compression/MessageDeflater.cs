using System.Buffers;

namespace MaoOcr.WebSockets.Compression;

/// <summary>
/// Compresses messages for permessage-deflate (RFC 7692 §7.2.1): raw DEFLATE ended by a sync flush, minus the
/// flush's trailing 00 00 FF FF, written straight into the caller's <see cref="IBufferWriter{T}"/> so it can be
/// framed without a copy. The LZ77 window carries over from message to message unless no_context_takeover
/// applies to this side, in which case the stream is reset after each message.
/// </summary>
/// <remarks>
/// Not thread-safe: one instance per connection, used by its one sender. No allocation per message. If a call
/// throws (zlib failure, or the writer's), the instance refuses further use: the peer's window would no longer match.
/// </remarks>
public sealed unsafe class MessageDeflater : IDisposable
{
    // The least the writer must offer per deflate call: room for the held-back bytes and for real progress.
    private const int OutputSpanHint = 256;

    private readonly ZlibStreamHandle _stream;
    private readonly bool _resetAfterMessage;
    private readonly int _compressionThreshold;

    // The last bytes deflate wrote, not yet given to the writer. A message's final 4 bytes are the sync-flush
    // trailer, which is not sent, and which bytes are final is only known once the flush is done.
    private readonly byte[] _held = new byte[PerMessageDeflate.SyncFlushTrailerLength];
    private int _heldCount;
    private long _messageBytes;
    private bool _broken;

    /// <summary>Creates a compressor for one direction of one connection.</summary>
    /// <param name="windowBits">The negotiated window, 8..15. 8 is compressed with zlib's window 9, whose matches never reach back more than 250 bytes.</param>
    /// <param name="noContextTakeover">Reset after every message (this side's no_context_takeover).</param>
    /// <param name="compressionLevel">zlib level 1..9.</param>
    /// <param name="memoryLevel">zlib memory level 1..9.</param>
    /// <param name="compressionThreshold">Payload bytes from which <see cref="ShouldCompress"/> says yes, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    /// <exception cref="ZlibException">zlib cannot be loaded or refuses the settings.</exception>
    public MessageDeflater(
        int windowBits,
        bool noContextTakeover,
        int compressionLevel = DeflateOptions.DefaultCompressionLevel,
        int memoryLevel = DeflateOptions.DefaultMemoryLevel,
        int compressionThreshold = DeflateOptions.DefaultCompressionThreshold)
        : this(windowBits, noContextTakeover, compressionLevel, memoryLevel, compressionThreshold, ZlibLibrary.Backend)
    {
    }

    /// <summary>For tests: compress with a given backend, so the fallback stays tested on a machine that has the preferred one.</summary>
    internal MessageDeflater(int windowBits, bool noContextTakeover, int compressionLevel, int memoryLevel, int compressionThreshold, ZlibBackend backend)
    {
        WindowBits = CompressionThrow.IfOutOfRange(windowBits, PerMessageDeflate.MinWindowBits, PerMessageDeflate.MaxWindowBits, nameof(windowBits));
        CompressionThrow.IfOutOfRange(compressionLevel, 1, 9, nameof(compressionLevel));
        CompressionThrow.IfOutOfRange(memoryLevel, 1, 9, nameof(memoryLevel));
        _compressionThreshold = CompressionThrow.IfOutOfRange(compressionThreshold, 0, int.MaxValue, nameof(compressionThreshold));
        _resetAfterMessage = noContextTakeover;

        int zlibWindowBits = ZlibWindowBits(windowBits);
        if (compressionLevel == 1 && zlibWindowBits < 13 && backend == ZlibBackend.System && ZlibLibrary.SystemIsZlibNg)
        {
            // zlib-ng 2.0.x compressed level 1 with a 13-bit window whatever was asked (zlib-ng/zlib-ng#1417):
            // level 2 keeps a small negotiated window honest there, at little cost. A system zlib-ng's version string
            // does not say which 2.x it is; .NET's own is past the fix (see ZlibLibrary.SystemIsZlibNg).
            compressionLevel = 2;
        }
        _stream = ZlibStreamHandle.CreateDeflate(compressionLevel, zlibWindowBits, memoryLevel, backend);
    }

    /// <summary>The server's compressor for a negotiated connection: the server's window and context takeover, the options' level and threshold.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ZlibException">zlib cannot be loaded.</exception>
    public static MessageDeflater CreateForServer(in DeflateParameters parameters, DeflateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new MessageDeflater(parameters.ServerMaxWindowBits, parameters.ServerNoContextTakeover,
            options.CompressionLevel, options.MemoryLevel, options.CompressionThreshold);
    }

    /// <summary>
    /// The client's compressor for a negotiated connection: the client's window (<c>client_max_window_bits</c>, which
    /// binds the client) and context takeover (<c>client_no_context_takeover</c>), the options' level and threshold.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ZlibException">zlib cannot be loaded.</exception>
    public static MessageDeflater CreateForClient(in DeflateParameters parameters, DeflateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new MessageDeflater(parameters.ClientMaxWindowBits, parameters.ClientNoContextTakeover,
            options.CompressionLevel, options.MemoryLevel, options.CompressionThreshold);
    }

    /// <summary>The library this instance compresses with.</summary>
    public ZlibBackend Backend => _stream.Backend;

    /// <summary>The negotiated window, 8..15, that every message stays within.</summary>
    public int WindowBits { get; }

    /// <summary>Whether a message of <paramref name="payloadLength"/> bytes is worth compressing (at least the threshold).</summary>
    public bool ShouldCompress(long payloadLength) => payloadLength >= _compressionThreshold;

    /// <summary>Compresses one whole message into <paramref name="destination"/>.</summary>
    /// <returns>The compressed payload length in bytes, at least 1.</returns>
    /// <exception cref="ZlibException">zlib failed.</exception>
    /// <exception cref="InvalidOperationException">An earlier call failed.</exception>
    public long Compress(ReadOnlySpan<byte> message, IBufferWriter<byte> destination)
    {
        Append(message, destination);
        return Finish(destination);
    }

    /// <summary>Compresses one whole message, given in segments, into <paramref name="destination"/>.</summary>
    /// <returns>The compressed payload length in bytes, at least 1.</returns>
    /// <exception cref="ZlibException">zlib failed.</exception>
    /// <exception cref="InvalidOperationException">An earlier call failed.</exception>
    public long Compress(in ReadOnlySequence<byte> message, IBufferWriter<byte> destination)
    {
        foreach (ReadOnlyMemory<byte> segment in message)
        {
            Append(segment.Span, destination);
        }
        return Finish(destination);
    }

    /// <summary>
    /// Adds part of a message. Output may lag behind input, and up to 4 bytes are held back until
    /// <see cref="Finish"/>; pass the same writer to every call of one message.
    /// </summary>
    /// <exception cref="ZlibException">zlib failed.</exception>
    /// <exception cref="InvalidOperationException">An earlier call failed.</exception>
    public void Append(ReadOnlySpan<byte> data, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        EnterCall();
        if (!data.IsEmpty)
        {
            Deflate(data, ZlibFlush.NoFlush, destination);
        }
        _broken = false;
    }

    /// <summary>
    /// Ends the message: sync-flushes, drops the trailer (RFC 7692 §7.2.1). Under no_context_takeover the flush is a
    /// full flush, which writes the same empty stored block and also clears the match state (zlib.h: "the compression
    /// state is reset"), so the next message refers to nothing before it: deflateReset's effect on the wire, on a
    /// backend that does not export deflateReset (.NET 10's shim).
    /// </summary>
    /// <returns>The compressed payload length of the whole message in bytes, at least 1.</returns>
    /// <exception cref="ZlibException">zlib failed.</exception>
    /// <exception cref="InvalidOperationException">An earlier call failed.</exception>
    public long Finish(IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        EnterCall();
        Deflate(default, _resetAfterMessage ? ZlibFlush.FullFlush : ZlibFlush.SyncFlush, destination);
        if (_heldCount == PerMessageDeflate.SyncFlushTrailerLength)
        {
            if (!_held.AsSpan().SequenceEqual(PerMessageDeflate.SyncFlushTrailer))
            {
                CompressionThrow.MissingSyncFlushTrailer();
            }
        }
        else if (_heldCount == 0 && _messageBytes == 0)
        {
            // An empty message right after a flush: zlib refuses a second flush with nothing new (Z_BUF_ERROR)
            // and writes nothing. An empty payload would not inflate, so send the empty stored block's header.
            destination.GetSpan(1)[0] = PerMessageDeflate.EmptyMessagePayload;
            destination.Advance(1);
            _messageBytes = 1;
        }
        else
        {
            CompressionThrow.MissingSyncFlushTrailer();
        }
        _heldCount = 0;
        long written = _messageBytes;
        _messageBytes = 0;
        _broken = false;
        return written;
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>
    /// The windowBits zlib is given for a negotiated window. RFC 7692 lets a client demand
    /// <c>server_max_window_bits=8</c>, a 256-byte window, but zlib cannot compress raw DEFLATE with 8: it has a
    /// 256-byte-window bug, and since 1.2.9 deflateInit2 rejects -8 instead of quietly using 9 (madler/zlib#171,
    /// #752). With 9, though, zlib never emits a distance above MAX_DIST = w_size − MIN_LOOKAHEAD = 512 − 262 =
    /// 250 bytes (deflate.h; every match path in deflate.c and in zlib-ng checks it), so its output inflates with a
    /// 256-byte window. Node.js maps 8 to 9 on this ground ("passing windowBits = 9 to zlib actually results in a
    /// compressed stream that effectively uses an 8-bit window only", nodejs/node#16511), and ws accepts 8 that way.
    /// The tests inflate our window-8 output with a real 256-byte window to hold us to it.
    /// </summary>
    internal static int ZlibWindowBits(int negotiatedWindowBits) =>
        negotiatedWindowBits == PerMessageDeflate.MinWindowBits ? PerMessageDeflate.MinWindowBits + 1 : negotiatedWindowBits;

    private void EnterCall()
    {
        if (_broken)
        {
            CompressionThrow.Broken(nameof(MessageDeflater));
        }
        // Cleared by the caller on success: if anything below throws, the instance stays unusable.
        _broken = true;
    }

    private void Deflate(ReadOnlySpan<byte> input, ZlibFlush flush, IBufferWriter<byte> destination)
    {
        ZlibStreamHandle stream = _stream;
        fixed (byte* inputPointer = input)
        {
            stream.SetInput(inputPointer, (uint)input.Length);
            while (true)
            {
                Span<byte> span = destination.GetSpan(OutputSpanHint);
                int held = _heldCount;
                _held.AsSpan(0, held).CopyTo(span);
                int room = span.Length - held;
                ZlibStatus status;
                fixed (byte* outputPointer = span)
                {
                    stream.SetOutput(outputPointer + held, (uint)room);
                    status = stream.Deflate(flush);
                }
                uint availOut = stream.AvailOut;
                Commit(span, held + room - (int)availOut, destination);
                if (status == ZlibStatus.BufferError)
                {
                    // Nothing to do: no input and nothing new to flush.
                    break;
                }
                stream.ThrowIfFailed(status, "deflate");
                // zlib.h: deflate is done with this input once it has consumed all of it without filling the output.
                if (stream.AvailIn == 0 && availOut != 0)
                {
                    break;
                }
            }
            stream.ClearBuffers();
        }
    }

    /// <summary>Gives the writer all but the last 4 of <paramref name="length"/> bytes of <paramref name="span"/>, and holds those back.</summary>
    private void Commit(Span<byte> span, int length, IBufferWriter<byte> destination)
    {
        int keep = Math.Min(PerMessageDeflate.SyncFlushTrailerLength, length);
        int emit = length - keep;
        span.Slice(emit, keep).CopyTo(_held);
        _heldCount = keep;
        if (emit > 0)
        {
            destination.Advance(emit);
            _messageBytes += emit;
        }
    }
}
