using System.IO.Compression;
using MaoOcr.WebSockets.Tests.Compression;
using MaoOcr.WebSockets.Tests.Framing;

namespace MaoOcr.WebSockets.Tests.Conformance;

/// <summary>
/// Autobahn groups 12 and 13 over a real socket: permessage-deflate negotiated with each parameter combination
/// (server_max_window_bits and client_max_window_bits 8..15, server_ and client_no_context_takeover, several offers),
/// the response checked against RFC 7692 §7.1, then messages of 16 B to 128 KiB echoed. The client compresses with
/// System.IO.Compression's raw DEFLATE where the agreed client window is 15, and with zlib at the agreed window below
/// that; it inflates the server's messages with the agreed server window and reset rule, so a server that reached past
/// its window or kept context it promised to drop fails the test.
/// </summary>
public sealed class DeflateSocketTests : IClassFixture<EchoServerPool>
{
    // Autobahn 12.x's message sizes, to 128 KiB.
    private static readonly int[] s_sizes = [16, 64, 256, 1024, 4096, 8192, 16_384, 32_768, 65_536, 131_072];

    private readonly EchoServerPool _servers;

    public DeflateSocketTests(EchoServerPool servers) => _servers = servers;

    public static TheoryData<string, string> Offers()
    {
        // The offer, and the parameters the response must carry (RFC 7692 §7.1: each no_context_takeover offered is
        // echoed, an offered server_max_window_bits is answered with the value used, client_max_window_bits only with
        // a value when the offer named one; this server's defaults ask nothing more).
        var data = new TheoryData<string, string>
        {
            { "permessage-deflate", "" },
            { "permessage-deflate; client_max_window_bits", "" },
            { "permessage-deflate; server_no_context_takeover", "server_no_context_takeover" },
            { "permessage-deflate; client_no_context_takeover", "client_no_context_takeover" },
            { "permessage-deflate; server_no_context_takeover; client_no_context_takeover", "server_no_context_takeover; client_no_context_takeover" },
            // 13.7: the first offer is declined (7 is out of range), the second accepted.
            { "permessage-deflate; server_max_window_bits=7, permessage-deflate; client_no_context_takeover", "client_no_context_takeover" },
            { "x-webkit-deflate-frame, permessage-deflate; client_max_window_bits=12", "client_max_window_bits=12" },
        };
        for (int bits = 8; bits <= 15; bits++)
        {
            data.Add($"permessage-deflate; server_max_window_bits={bits}", $"server_max_window_bits={bits}");
            data.Add($"permessage-deflate; client_max_window_bits={bits}", $"client_max_window_bits={bits}");
        }
        foreach (int bits in new[] { 8, 9, 12, 15 })
        {
            data.Add($"permessage-deflate; server_no_context_takeover; server_max_window_bits={bits}; client_no_context_takeover; client_max_window_bits={bits}",
                $"server_no_context_takeover; client_no_context_takeover; server_max_window_bits={bits}; client_max_window_bits={bits}");
            data.Add($"permessage-deflate; server_max_window_bits={bits}; client_max_window_bits={23 - bits}",
                $"server_max_window_bits={bits}; client_max_window_bits={23 - bits}");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Offers))]
    public async Task Negotiated_AndMessagesOfEverySizeAreEchoed(string offer, string expectedParameters)
    {
        EchoServer server = await _servers.GetAsync(new WebSocketLimits());
        int seed = StringComparer.Ordinal.GetHashCode(offer) & 0x7FFF_FFFF;
        await using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(server, seed, offer);

        Assert.NotNull(client.Extensions);
        Agreed agreed = Agreed.Parse(client.Extensions);
        Assert.Equal(Agreed.Parse("permessage-deflate" + (expectedParameters.Length > 0 ? "; " + expectedParameters : "")), agreed);

        using ClientCompressor compressor = new(agreed.ClientWindowBits, agreed.ClientNoContextTakeover);
        using var inflater = new MessageInflater(agreed.ServerNoContextTakeover, agreed.ServerWindowBits);
        var random = new Random(seed);
        // Each size twice, text and binary in turn, so both sides' context carries across messages of either kind.
        for (int round = 0; round < 2; round++)
        {
            foreach (int size in s_sizes)
            {
                bool text = (size / 16 + round) % 2 == 0;
                byte[] payload = ConformancePayloads.For(text, size, random);
                WebSocketOpcode opcode = text ? WebSocketOpcode.Text : WebSocketOpcode.Binary;
                byte[] compressed = compressor.Compress(payload);
                await SendInFramesAsync(client.Frames, opcode, compressed, frames: 1 + random.Next(3));

                List<ServerFrame> frames = await client.Frames.ReadMessageFramesAsync();
                Assert.Equal(opcode, frames[0].Opcode);
                // The server compresses from its threshold (DeflateOptions' 1 KiB) up; RSV1 marks the first frame only.
                Assert.Equal(size >= DeflateOptions.DefaultCompressionThreshold, frames[0].Rsv1);
                Assert.All(frames.Skip(1), f => Assert.False(f.Rsv1));
                byte[] wire = [.. frames.SelectMany(f => f.Payload)];
                byte[] echoed = frames[0].Rsv1 ? Inflate(inflater, wire, agreed.ServerNoContextTakeover) : wire;
                Assert.Equal(payload, echoed);
            }
        }

        await client.Frames.SendCloseAsync(CloseStatusCodes.NormalClosure);
        Assert.Equal(CloseStatusCodes.NormalClosure, await client.Frames.ReadCloseAsync());
        Assert.True(await client.ServerEndedConnectionAsync());
    }

    [Fact]
    public async Task UncompressedMessagesBetweenCompressedOnes_AreEchoed()
    {
        // RFC 7692 §6: compression is per message; RSV1 clear means this one is sent as it is.
        EchoServer server = await _servers.GetAsync(new WebSocketLimits());
        await using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(server, 1201, "permessage-deflate");
        using var compressor = new ClientCompressor(15, noContextTakeover: false);
        using var inflater = new MessageInflater(peerNoContextTakeover: false);
        var random = new Random(1201);
        for (int i = 0; i < 6; i++)
        {
            byte[] payload = ConformancePayloads.Text(random, 2000 + i);
            if (i % 2 == 0)
            {
                await client.Frames.SendFrameAsync(WebSocketOpcode.Text, compressor.Compress(payload), rsv1: true);
            }
            else
            {
                await client.Frames.SendFrameAsync(WebSocketOpcode.Text, payload);
            }
            Assert.Equal(payload, (await client.Frames.ReadMessageAsync(inflater)).Payload);
        }
    }

    [Theory]
    [InlineData("permessage-deflate; foo=1")]
    [InlineData("permessage-deflate; server_max_window_bits=16")]
    [InlineData("permessage-deflate; client_max_window_bits=7")]
    [InlineData("permessage-deflate; server_no_context_takeover; server_no_context_takeover")]
    [InlineData("permessage-deflate; server_max_window_bits")]
    public async Task UnacceptableOffer_IsDeclined_SoRsv1IsRefusedWith1002(string offer)
    {
        EchoServer server = await _servers.GetAsync(new WebSocketLimits());
        await using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(server, 1301, offer);
        Assert.Null(client.Extensions);

        await client.Frames.SendFrameAsync(WebSocketOpcode.Text, "plain"u8.ToArray());
        Assert.Equal("plain"u8.ToArray(), (await client.Frames.ReadMessageAsync()).Payload);
        // RSV1 is refused from the first byte, so only that byte goes out (more could meet a closed socket).
        await client.Frames.SendRawAsync(client.Frames.BuildFrame(WebSocketOpcode.Text, new byte[] { 0xCA, 0xC9, 0x4C, 0x04, 0x00 }, rsv1: true)[..1]);
        Assert.Equal(CloseStatusCodes.ProtocolError, await client.Frames.ReadCloseAsync());
        Assert.True(await client.ServerEndedConnectionAsync());
    }

    [Fact]
    public async Task CompressedMessageOverTheLimitOnceInflated_IsRefusedWith1009()
    {
        EchoServer server = await _servers.GetAsync(new WebSocketLimits { MaxMessageBytes = 256 * 1024 });
        await using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(server, 1302, "permessage-deflate");
        using var compressor = new ClientCompressor(15, noContextTakeover: false);
        // 4 MiB of zeros deflate to about 4 KiB: a bomb that only the inflated count catches.
        // One write: the server refuses a few hundred bytes in, and later writes could meet a closed socket.
        byte[] frame = client.Frames.BuildFrame(WebSocketOpcode.Binary, compressor.Compress(new byte[4 * 1024 * 1024]), rsv1: true);
        await client.Frames.SendChunkedAsync(frame, frame.Length);
        Assert.Equal(CloseStatusCodes.MessageTooBig, await client.Frames.ReadCloseAsync());
        Assert.True(await client.ServerEndedConnectionAsync());
    }

    [Fact]
    public async Task CompressedTextThatInflatesToInvalidUtf8_IsRefusedWith1007()
    {
        EchoServer server = await _servers.GetAsync(new WebSocketLimits());
        await using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(server, 1303, "permessage-deflate");
        using var compressor = new ClientCompressor(15, noContextTakeover: false);
        byte[] frame = client.Frames.BuildFrame(WebSocketOpcode.Text, compressor.Compress([0x68, 0x69, 0xED, 0xA0, 0x80]), rsv1: true);
        await client.Frames.SendChunkedAsync(frame, frame.Length);
        Assert.Equal(CloseStatusCodes.InvalidPayloadData, await client.Frames.ReadCloseAsync());
        Assert.True(await client.ServerEndedConnectionAsync());
    }

    [Fact]
    public async Task Rsv1OnAContinuation_IsRefusedWith1002()
    {
        EchoServer server = await _servers.GetAsync(new WebSocketLimits());
        await using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(server, 1304, "permessage-deflate");
        using var compressor = new ClientCompressor(15, noContextTakeover: false);
        byte[] compressed = compressor.Compress(ConformancePayloads.Text(new Random(1304), 3000));
        await client.Frames.SendFrameAsync(WebSocketOpcode.Text, compressed.AsMemory(0, 10), fin: false, rsv1: true);
        // Our frame writer refuses to build this frame, so it is built from the RFC layout.
        // Refused from its first byte, which is all that goes out.
        await client.Frames.SendRawAsync(TestFrames.Build(0x0, compressed.AsSpan(10), fin: true, rsv: 0b100, key: TestFrames.DefaultKey)[..1]);
        Assert.Equal(CloseStatusCodes.ProtocolError, await client.Frames.ReadCloseAsync());
    }

    /// <summary>Sends a compressed message in <paramref name="frames"/> frames, RSV1 on the first only (RFC 7692 §6.1).</summary>
    private static async Task SendInFramesAsync(TestClient client, WebSocketOpcode opcode, byte[] compressed, int frames)
    {
        int size = Math.Max(1, (compressed.Length + frames - 1) / frames);
        int start = 0;
        bool first = true;
        do
        {
            int length = Math.Min(size, compressed.Length - start);
            bool fin = start + length == compressed.Length;
            await client.SendFrameAsync(first ? opcode : WebSocketOpcode.Continuation, compressed.AsMemory(start, length), fin, rsv1: first);
            start += length;
            first = false;
        }
        while (start < compressed.Length);
    }

    private static byte[] Inflate(MessageInflater inflater, byte[] wire, bool serverNoContextTakeover)
    {
        var inflated = new System.Buffers.ArrayBufferWriter<byte>();
        Assert.Equal(InflateStatus.Ok, inflater.Inflate(wire, endOfMessage: true, inflated, long.MaxValue).Status);
        if (serverNoContextTakeover)
        {
            // Each message must also stand alone for .NET's own decoder.
            Assert.Equal(inflated.WrittenSpan.ToArray(), CompressionTestData.DecodeWithDeflateStream([.. wire, .. PerMessageDeflate.SyncFlushTrailer, 0x03, 0x00]));
        }
        return inflated.WrittenSpan.ToArray();
    }

    /// <summary>The response's parameters, order aside.</summary>
    private sealed record Agreed(bool ServerNoContextTakeover, bool ClientNoContextTakeover, int ServerWindowBits, int ClientWindowBits)
    {
        public static Agreed Parse(string header)
        {
            string[] parts = [.. header.Split(';').Select(p => p.Trim())];
            Assert.Equal("permessage-deflate", parts[0]);
            Assert.Equal(parts.Length, parts.Distinct(StringComparer.Ordinal).Count());
            int Bits(string name) => parts.FirstOrDefault(p => p.StartsWith(name + "=", StringComparison.Ordinal)) is string p ? int.Parse(p[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture) : 15;
            return new Agreed(parts.Contains("server_no_context_takeover"), parts.Contains("client_no_context_takeover"),
                Bits("server_max_window_bits"), Bits("client_max_window_bits"));
        }
    }

    /// <summary>
    /// The client's compressor: System.IO.Compression's raw DEFLATE (one stream, sync-flushed per message, for context
    /// takeover; a new stream per message without) when the window is 15, which is all it offers; zlib at smaller windows.
    /// </summary>
    private sealed class ClientCompressor : IDisposable
    {
        private readonly bool _noContextTakeover;
        private readonly MessageDeflater? _zlib;
        private MemoryStream _output = new();
        private DeflateStream? _deflate;

        public ClientCompressor(int windowBits, bool noContextTakeover)
        {
            _noContextTakeover = noContextTakeover;
            if (windowBits < 15)
            {
                _zlib = new MessageDeflater(windowBits, noContextTakeover, compressionThreshold: 0);
            }
        }

        public byte[] Compress(byte[] message)
        {
            if (_zlib is not null)
            {
                var compressed = new System.Buffers.ArrayBufferWriter<byte>();
                _zlib.Compress(message, compressed);
                return compressed.WrittenSpan.ToArray();
            }
            if (_deflate is null || _noContextTakeover)
            {
                _deflate?.Dispose();
                _output = new MemoryStream();
                _deflate = new DeflateStream(_output, CompressionLevel.Optimal, leaveOpen: true);
            }
            long start = _output.Length;
            _deflate.Write(message);
            // A sync flush ends the message on a byte boundary with 00 00 FF FF, which §7.2.1 says to leave off.
            _deflate.Flush();
            byte[] flushed = _output.ToArray()[(int)start..];
            Assert.True(flushed.AsSpan().EndsWith(PerMessageDeflate.SyncFlushTrailer));
            return flushed[..^PerMessageDeflate.SyncFlushTrailerLength];
        }

        public void Dispose()
        {
            _deflate?.Dispose();
            _output.Dispose();
            _zlib?.Dispose();
        }
    }
}
