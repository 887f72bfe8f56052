using System.Buffers;
using System.IO.Pipelines;

namespace MaoOcr.WebSockets.Tests;

/// <summary>
/// A frame the connection under test sent, as the test peer read it: a server's; or, when the peer plays the server, a
/// client's, with its <paramref name="MaskKey"/> and the <paramref name="Payload"/> unmasked.
/// </summary>
internal sealed record ServerFrame(WebSocketOpcode Opcode, bool Fin, bool Rsv1, byte[] Payload, uint? MaskKey = null);

/// <summary>
/// The client end of a connection: in memory (two pipes, one each way) or over a real socket's pipes. Writes masked
/// client frames (built with <see cref="FrameHeaderWriter"/> and <see cref="Masking"/>), optionally in random pieces,
/// and reads the server's frames. Made with <c>PlayingServer</c>, it is the server end facing a client connection
/// instead: it writes unmasked frames and reads masked ones, which it must find masked.
/// </summary>
internal sealed class TestClient
{
    private readonly PipeWriter _toServer;
    private readonly PipeReader _fromServer;
    private readonly CancellationToken _readCancellation;
    private readonly Random _random;
    private readonly IDuplexPipe? _serverTransport;
    private static readonly WebSocketLimits s_readLimits = new() { MaxMessageBytes = 64L * 1024 * 1024 };
    private FrameRules _rules = FrameRules.ForClient(s_readLimits, allowRsv1: true);

    /// <param name="seed">Seeds the masking keys and the cut points of <see cref="SendFrameAsync"/>.</param>
    /// <param name="toClientOptions">Options of the server-to-client pipe; by default it never pauses the server.</param>
    public TestClient(int seed = 1, PipeOptions? toClientOptions = null)
    {
        _random = new Random(seed);
        var unbounded = new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false);
        var toServer = new Pipe(unbounded);
        var toClient = new Pipe(toClientOptions ?? unbounded);
        _toServer = toServer.Writer;
        _fromServer = toClient.Reader;
        _serverTransport = new PipeLink.Transport(toServer.Reader, toClient.Writer);
    }

    /// <summary>A client over pipes that already lead to a server, such as a socket's after its handshake.</summary>
    /// <param name="toServer">Where the client's frames go; each piece of <see cref="SendRawAsync"/> is flushed on its own.</param>
    /// <param name="fromServer">The server's bytes, positioned at its first frame.</param>
    /// <param name="seed">Seeds the masking keys and the cut points.</param>
    /// <param name="readCancellation">Ends a read that would otherwise wait for ever on a server that went silent.</param>
    public TestClient(PipeWriter toServer, PipeReader fromServer, int seed, CancellationToken readCancellation)
    {
        _random = new Random(seed);
        _toServer = toServer;
        _fromServer = fromServer;
        _readCancellation = readCancellation;
    }

    /// <summary>
    /// A peer that plays the server for a client <see cref="WebSocketConnection"/> made over <see cref="ConnectionTransport"/>:
    /// its frames are unmasked unless a call asks otherwise, and it reads masked ones.
    /// </summary>
    public static TestClient PlayingServer(int seed = 1, PipeOptions? toConnectionOptions = null) =>
        new(seed, toConnectionOptions) { _rules = FrameRules.ForServer(s_readLimits, allowRsv1: true) };

    /// <summary>A peer that plays the server over pipes that already lead to a client connection.</summary>
    public static TestClient PlayingServer(PipeWriter toClient, PipeReader fromClient, int seed, CancellationToken readCancellation) =>
        new(toClient, fromClient, seed, readCancellation) { _rules = FrameRules.ForServer(s_readLimits, allowRsv1: true) };

    private bool PlaysServer => _rules.Role == WebSocketRole.Server;

    /// <summary>The pipes to hand to the <see cref="WebSocketConnection"/> under test; in memory only.</summary>
    public IDuplexPipe ConnectionTransport => _serverTransport ?? throw new InvalidOperationException("A client over a socket has no server pipes to hand out.");

    /// <summary>Where the server writes; tests read it to check completion.</summary>
    public PipeReader FromServer => _fromServer;

    /// <summary>A frame, whole, as bytes: masked unless this peer plays the server, or <paramref name="masked"/> says otherwise.</summary>
    public byte[] BuildFrame(WebSocketOpcode opcode, ReadOnlySpan<byte> payload, bool fin = true, bool rsv1 = false, bool? masked = null)
    {
        var keyBytes = new byte[4];
        _random.NextBytes(keyBytes);
        uint? key = (masked ?? !PlaysServer) ? BitConverter.ToUInt32(keyBytes) : null;
        var frame = new byte[FrameHeaderWriter.GetHeaderLength(payload.Length, key.HasValue) + payload.Length];
        int headerLength = FrameHeaderWriter.Write(frame, opcode, fin, rsv1, payload.Length, key);
        Span<byte> body = frame.AsSpan(headerLength);
        payload.CopyTo(body);
        if (key is uint k)
        {
            Masking.Apply(body, k, 0);
        }
        return frame;
    }

    /// <summary>Sends a frame, cut into random pieces that are flushed one by one.</summary>
    public Task SendFrameAsync(WebSocketOpcode opcode, ReadOnlyMemory<byte> payload, bool fin = true, bool rsv1 = false, bool? masked = null) =>
        SendRawAsync(BuildFrame(opcode, payload.Span, fin, rsv1, masked));

    /// <summary>Writes bytes in random pieces (fewer than <paramref name="maxPieces"/> cuts), flushing each.</summary>
    public async Task SendRawAsync(byte[] bytes, int maxPieces = 8)
    {
        foreach (ReadOnlyMemory<byte> piece in SegmentedSequence.RandomPieces(bytes, _random, maxPieces))
        {
            await _toServer.WriteAsync(piece);
        }
    }

    /// <summary>Writes bytes in pieces of exactly <paramref name="chunkBytes"/> (the last may be shorter), flushing each.</summary>
    public async Task SendChunkedAsync(byte[] bytes, int chunkBytes)
    {
        for (int start = 0; start < bytes.Length; start += chunkBytes)
        {
            await _toServer.WriteAsync(bytes.AsMemory(start, Math.Min(chunkBytes, bytes.Length - start)));
        }
    }

    /// <summary>Sends a whole message, compressed with <paramref name="deflater"/> when given.</summary>
    public async Task SendMessageAsync(WebSocketOpcode opcode, byte[] payload, MessageDeflater? deflater = null)
    {
        if (deflater is null)
        {
            await SendFrameAsync(opcode, payload);
            return;
        }
        var compressed = new ArrayBufferWriter<byte>();
        deflater.Compress(payload, compressed);
        await SendFrameAsync(opcode, compressed.WrittenMemory, rsv1: true);
    }

    public Task SendCloseAsync(ushort status, string reason = "")
    {
        var payload = new byte[WebSocketConstants.MaxControlPayloadLength];
        int length = ClosePayloadWriter.Write(payload, status, reason);
        return SendFrameAsync(WebSocketOpcode.Close, payload.AsMemory(0, length));
    }

    /// <summary>Ends the client's output without a close frame (a dropped connection).</summary>
    public ValueTask DropAsync() => _toServer.CompleteAsync();

    /// <summary>The next frame from the server; null when the server completed its output.</summary>
    public async Task<ServerFrame?> ReadFrameAsync()
    {
        while (true)
        {
            ReadResult result = await _fromServer.ReadAsync(_readCancellation);
            ReadOnlySequence<byte> buffer = result.Buffer;
            var reader = new SequenceReader<byte>(buffer);
            FrameParseStatus status = FrameHeaderParser.TryParse(ref reader, _rules, out FrameHeader header, out FrameError error);
            Assert.NotEqual(FrameParseStatus.Invalid, status);
            if (status == FrameParseStatus.Complete && reader.Remaining >= header.PayloadLength)
            {
                byte[] payload = buffer.Slice(reader.Position, header.PayloadLength).ToArray();
                _fromServer.AdvanceTo(buffer.GetPosition(header.PayloadLength, reader.Position));
                if (!header.Masked)
                {
                    return new ServerFrame(header.Opcode, header.Fin, header.Rsv1, payload);
                }
                Masking.Apply(payload, header.MaskKey, 0);
                return new ServerFrame(header.Opcode, header.Fin, header.Rsv1, payload, header.MaskKey);
            }
            if (result.IsCompleted)
            {
                Assert.True(buffer.IsEmpty, $"The server's output ended inside a frame ({error}).");
                _fromServer.AdvanceTo(buffer.End);
                return null;
            }
            _fromServer.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>The next frame, which must be a close; returns its status code.</summary>
    public async Task<ushort> ReadCloseAsync()
    {
        ServerFrame? frame = await ReadFrameAsync();
        Assert.NotNull(frame);
        Assert.Equal(WebSocketOpcode.Close, frame.Opcode);
        Assert.True(frame.Payload.Length >= 2);
        return (ushort)(frame.Payload[0] << 8 | frame.Payload[1]);
    }

    /// <summary>Whether the server completed its output after what was read (nothing more will come).</summary>
    public async Task<bool> ServerOutputCompletedAsync() => await ReadFrameAsync() is null;

    /// <summary>The next data message, reassembled from its frames and inflated with <paramref name="inflater"/> when compressed.</summary>
    public async Task<(WebSocketOpcode Opcode, byte[] Payload)> ReadMessageAsync(MessageInflater? inflater = null)
    {
        ServerFrame? first = await ReadFrameAsync();
        Assert.NotNull(first);
        Assert.True(first.Opcode is WebSocketOpcode.Text or WebSocketOpcode.Binary, $"expected a data frame, got {first.Opcode}");
        var message = new ArrayBufferWriter<byte>();
        message.Write(first.Payload);
        ServerFrame frame = first;
        while (!frame.Fin)
        {
            frame = (await ReadFrameAsync())!;
            Assert.NotNull(frame);
            Assert.Equal(WebSocketOpcode.Continuation, frame.Opcode);
            Assert.False(frame.Rsv1);
            Assert.True(frame.Payload.Length > 0);
            message.Write(frame.Payload);
        }
        if (!first.Rsv1)
        {
            return (first.Opcode, message.WrittenSpan.ToArray());
        }
        Assert.NotNull(inflater);
        var inflated = new ArrayBufferWriter<byte>();
        InflateResult result = inflater.Inflate(message.WrittenSpan, endOfMessage: true, inflated, long.MaxValue);
        Assert.Equal(InflateStatus.Ok, result.Status);
        return (first.Opcode, inflated.WrittenSpan.ToArray());
    }

    /// <summary>The frames of the next data message, as sent.</summary>
    public async Task<List<ServerFrame>> ReadMessageFramesAsync()
    {
        var frames = new List<ServerFrame>();
        do
        {
            frames.Add((await ReadFrameAsync())!);
        }
        while (!frames[^1].Fin);
        return frames;
    }
}
