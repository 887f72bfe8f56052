using System.IO.Pipelines;
using System.Text;

namespace MaoOcr.WebSockets.Tests;

/// <summary>
/// The server connection over in-memory pipes against a test client: echo, fragmentation with control frames between,
/// every failure's close status, both close handshakes, permessage-deflate, send back-pressure and keep-alive.
/// No assertion depends on timing: each waits for an event, and time-driven behaviour runs on a manual clock.
/// </summary>
public sealed class WebSocketConnectionTests
{
    private static WebSocketLimits Limits(long maxMessageBytes = 16 * 1024 * 1024, int sendQueueDepth = 32) => new()
    {
        MaxMessageBytes = maxMessageBytes,
        SendQueueDepth = sendQueueDepth,
        KeepAliveInterval = Timeout.InfiniteTimeSpan,
        CloseTimeout = Timeout.InfiniteTimeSpan,
    };

    private static DeflateParameters DeflateAgreed() => new(false, false, 15, 15, false, false);

    [Theory]
    [InlineData(true, 0, 1)]
    [InlineData(true, 125, 2)]
    [InlineData(true, 70_000, 3)]
    [InlineData(true, 1024 * 1024, 4)]
    [InlineData(false, 1, 5)]
    [InlineData(false, 65_535, 6)]
    [InlineData(false, 1024 * 1024, 7)]
    public async Task Echo_ReturnsEachMessage_FedInRandomPieces(bool text, int length, int seed)
    {
        WebSocketOpcode opcode = text ? WebSocketOpcode.Text : WebSocketOpcode.Binary;
        var client = new TestClient(seed);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), null, null);
        Task echo = WebSocketEcho.RunAsync(server);
        var random = new Random(seed);

        for (int i = 0; i < 3; i++)
        {
            byte[] payload = opcode == WebSocketOpcode.Text ? RandomText(random, length) : RandomBytes(random, length);
            await client.SendMessageAsync(opcode, payload);
            (WebSocketOpcode echoedOpcode, byte[] echoed) = await client.ReadMessageAsync();
            Assert.Equal(opcode, echoedOpcode);
            Assert.Equal(payload, echoed);
        }

        await client.SendCloseAsync(CloseStatusCodes.NormalClosure);
        Assert.Equal(CloseStatusCodes.NormalClosure, await client.ReadCloseAsync());
        await echo;
    }

    [Fact]
    public async Task FragmentedMessage_WithPingsBetween_AnswersPongsAndReassembles()
    {
        var client = new TestClient(11);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), null, null);
        Task echo = WebSocketEcho.RunAsync(server);
        byte[] text = Encoding.UTF8.GetBytes("fragmented: \u00e9\u4e2d\U0001F600 and more text");

        // Cut inside the 4-byte emoji so that UTF-8 validation must carry a sequence across frames.
        int cut = Array.IndexOf(text, (byte)0xF0) + 2;
        await client.SendFrameAsync(WebSocketOpcode.Text, text.AsMemory(0, 5), fin: false);
        await client.SendFrameAsync(WebSocketOpcode.Ping, "ping-1"u8.ToArray());
        await client.SendFrameAsync(WebSocketOpcode.Continuation, text.AsMemory(5, cut - 5), fin: false);
        await client.SendFrameAsync(WebSocketOpcode.Ping, "ping-2"u8.ToArray());
        await client.SendFrameAsync(WebSocketOpcode.Pong, "unsolicited"u8.ToArray());
        await client.SendFrameAsync(WebSocketOpcode.Continuation, ReadOnlyMemory<byte>.Empty, fin: false);
        await client.SendFrameAsync(WebSocketOpcode.Continuation, text.AsMemory(cut), fin: true);

        ServerFrame? pong1 = await client.ReadFrameAsync();
        ServerFrame? pong2 = await client.ReadFrameAsync();
        Assert.Equal(WebSocketOpcode.Pong, pong1!.Opcode);
        Assert.Equal("ping-1"u8.ToArray(), pong1.Payload);
        Assert.Equal(WebSocketOpcode.Pong, pong2!.Opcode);
        Assert.Equal("ping-2"u8.ToArray(), pong2.Payload);
        (WebSocketOpcode opcode, byte[] echoed) = await client.ReadMessageAsync();
        Assert.Equal(WebSocketOpcode.Text, opcode);
        Assert.Equal(text, echoed);

        await client.SendCloseAsync(CloseStatusCodes.NormalClosure);
        Assert.Equal(CloseStatusCodes.NormalClosure, await client.ReadCloseAsync());
        await echo;
    }

    [Theory]
    [InlineData(false, 1000)]
    [InlineData(true, 1000)]
    [InlineData(false, 60_000)]
    public async Task InvalidUtf8_InAFramesFirstBytes_FailsBeforeTheRestOfTheFrameArrives(bool continuation, int frameLength)
    {
        // Each client write returns once the server has consumed it: the header is parsed alone, then the payload's
        // first bytes arrive, with 0xFF among them; the rest of the frame never comes.
        await using var link = new PipeLink(TimeSpan.FromSeconds(30));
        Task<WebSocketMessage?> receive = link.Server.ReceiveAsync(CancellationToken.None).AsTask();
        if (continuation)
        {
            await link.Client.SendRawAsync(link.Client.BuildFrame(WebSocketOpcode.Text, "valid start "u8, fin: false), maxPieces: 1);
        }
        byte[] payload = new byte[frameLength];
        payload.AsSpan().Fill((byte)'a');
        payload[5] = 0xFF;
        byte[] frame = link.Client.BuildFrame(continuation ? WebSocketOpcode.Continuation : WebSocketOpcode.Text, payload);
        int headerLength = frame.Length - frameLength;
        await link.Client.SendRawAsync(frame[..headerLength], maxPieces: 1);
        await link.Client.SendRawAsync(frame[headerLength..(headerLength + 10)], maxPieces: 1);

        Assert.Equal(CloseStatusCodes.InvalidPayloadData, await link.Client.ReadCloseAsync());
        Assert.Null(await receive);
    }

    [Fact]
    public async Task InvalidUtf8_FailsFast_With1007()
    {
        var client = new TestClient(12);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), null, null);
        Task<WebSocketMessage?> receive = server.ReceiveAsync(CancellationToken.None).AsTask();

        // The first fragment already holds a surrogate (ED A0): the server must fail before the message ends.
        await client.SendFrameAsync(WebSocketOpcode.Text, new byte[] { (byte)'a', 0xED, 0xA0, 0x80 }, fin: false);

        Assert.Null(await receive);
        Assert.Equal(CloseStatusCodes.InvalidPayloadData, await client.ReadCloseAsync());
        Assert.True(await client.ServerOutputCompletedAsync());
        Assert.Equal(CloseStatusCodes.InvalidPayloadData, server.CloseStatus);
    }

    [Fact]
    public async Task UnmaskedClientFrame_Fails_With1002()
    {
        var client = new TestClient(13);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), null, null);
        await client.SendFrameAsync(WebSocketOpcode.Binary, new byte[] { 1, 2, 3 }, masked: false);

        Assert.Null(await server.ReceiveAsync(CancellationToken.None));
        Assert.Equal(CloseStatusCodes.ProtocolError, await client.ReadCloseAsync());
        Assert.True(await client.ServerOutputCompletedAsync());
    }

    [Fact]
    public async Task MessageOverLimit_AcrossFragments_Fails_With1009()
    {
        var client = new TestClient(14);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(maxMessageBytes: 1000), null, null);
        await client.SendFrameAsync(WebSocketOpcode.Binary, new byte[600], fin: false);
        await client.SendFrameAsync(WebSocketOpcode.Continuation, new byte[600], fin: true);

        Assert.Null(await server.ReceiveAsync(CancellationToken.None));
        Assert.Equal(CloseStatusCodes.MessageTooBig, await client.ReadCloseAsync());
        Assert.Equal(CloseStatusCodes.MessageTooBig, server.CloseStatus);
    }

    [Fact]
    public async Task CompressedMessageOverLimitOnceInflated_Fails_With1009()
    {
        var client = new TestClient(15);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(maxMessageBytes: 10_000), DeflateAgreed(), null);
        using var deflater = new MessageDeflater(15, noContextTakeover: false, compressionThreshold: 0);

        // 100 KB of zeros deflates to a few hundred bytes: under the limit on the wire, far over it inflated.
        await client.SendMessageAsync(WebSocketOpcode.Binary, new byte[100_000], deflater);

        Assert.Null(await server.ReceiveAsync(CancellationToken.None));
        Assert.Equal(CloseStatusCodes.MessageTooBig, await client.ReadCloseAsync());
    }

    [Fact]
    public async Task PeerClose_IsEchoedWithSameCode_ThenTransportCompletes()
    {
        var client = new TestClient(16);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), null, null);
        await client.SendCloseAsync(4001, "bye");

        Assert.Null(await server.ReceiveAsync(CancellationToken.None));
        Assert.Equal(4001, await client.ReadCloseAsync());
        Assert.True(await client.ServerOutputCompletedAsync());
        Assert.Equal((ushort)4001, server.CloseStatus);
        Assert.Equal("bye", server.CloseReason);
        Assert.Null(await server.ReceiveAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TransportEndsWithoutClose_Reports1006()
    {
        var client = new TestClient(17);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), null, null);
        await client.DropAsync();

        Assert.Null(await server.ReceiveAsync(CancellationToken.None));
        Assert.Equal(CloseStatusCodes.AbnormalClosure, server.CloseStatus);
    }

    [Fact]
    public async Task CloseAsync_SendsClose_AndCompletesOnlyAfterPeersClose()
    {
        var client = new TestClient(18);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), null, null);
        Task echo = WebSocketEcho.RunAsync(server);

        Task close = server.CloseAsync(CloseStatusCodes.GoingAway, "shutting down", CancellationToken.None).AsTask();
        Assert.Equal(CloseStatusCodes.GoingAway, await client.ReadCloseAsync());
        // CloseTimeout is infinite, so only the peer's close can end the handshake.
        Assert.False(close.IsCompleted);

        await client.SendCloseAsync(CloseStatusCodes.GoingAway);
        await close;
        await echo;
        Assert.True(await client.ServerOutputCompletedAsync());
        Assert.Equal(CloseStatusCodes.GoingAway, server.CloseStatus);
    }

    [Fact]
    public async Task CloseAsync_WithoutReceiveLoop_DrainsUntilPeersClose()
    {
        var client = new TestClient(19);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), null, null);
        await client.SendMessageAsync(WebSocketOpcode.Binary, new byte[] { 1, 2, 3 });

        Task close = server.CloseAsync(CloseStatusCodes.NormalClosure, "", CancellationToken.None).AsTask();
        Assert.Equal(CloseStatusCodes.NormalClosure, await client.ReadCloseAsync());
        await client.SendCloseAsync(CloseStatusCodes.NormalClosure);
        await close;
        Assert.True(await client.ServerOutputCompletedAsync());
    }

    [Fact]
    public async Task CloseAsync_PeerNeverAnswers_AbortsAfterCloseTimeout()
    {
        var client = new TestClient(20);
        var time = new ManualTimeProvider();
        WebSocketLimits limits = Limits();
        limits.CloseTimeout = TimeSpan.FromSeconds(5);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, limits, null, null, time);

        Task close = server.CloseAsync(CloseStatusCodes.NormalClosure, "", CancellationToken.None).AsTask();
        Assert.Equal(CloseStatusCodes.NormalClosure, await client.ReadCloseAsync());
        time.Advance(TimeSpan.FromSeconds(5));
        await close;
        Assert.True(await client.ServerOutputCompletedAsync());
        Assert.Equal(CloseStatusCodes.AbnormalClosure, server.CloseStatus);
    }

    [Theory]
    [InlineData(true, 5000)]
    [InlineData(false, 300_000)]
    [InlineData(false, 10)]
    public async Task CompressedMessages_AreInflated_AndEchoedCompressed(bool text, int length)
    {
        WebSocketOpcode opcode = text ? WebSocketOpcode.Text : WebSocketOpcode.Binary;
        var client = new TestClient(21);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), DeflateAgreed(), new DeflateOptions());
        Task echo = WebSocketEcho.RunAsync(server);
        using var deflater = new MessageDeflater(15, noContextTakeover: false, compressionThreshold: 0);
        using var inflater = new MessageInflater(peerNoContextTakeover: false);
        var random = new Random(length);

        // Several messages, so that both sides' context takeover is exercised.
        for (int i = 0; i < 3; i++)
        {
            byte[] payload = RepetitiveText(random, length);
            await client.SendMessageAsync(opcode, payload, deflater);
            (WebSocketOpcode echoedOpcode, byte[] echoed) = await client.ReadMessageAsync(inflater);
            Assert.Equal(opcode, echoedOpcode);
            Assert.Equal(payload, echoed);
        }

        await client.SendCloseAsync(CloseStatusCodes.NormalClosure);
        Assert.Equal(CloseStatusCodes.NormalClosure, await client.ReadCloseAsync());
        await echo;
    }

    [Fact]
    public async Task CompressedText_InvalidUtf8AfterInflating_Fails_With1007()
    {
        var client = new TestClient(22);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), DeflateAgreed(), null);
        using var deflater = new MessageDeflater(15, noContextTakeover: false, compressionThreshold: 0);
        await client.SendMessageAsync(WebSocketOpcode.Text, [0x68, 0x69, 0xC0, 0xAF], deflater);

        Assert.Null(await server.ReceiveAsync(CancellationToken.None));
        Assert.Equal(CloseStatusCodes.InvalidPayloadData, await client.ReadCloseAsync());
    }

    [Fact]
    public async Task CorruptCompressedPayload_Fails_With1002()
    {
        var client = new TestClient(25);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), DeflateAgreed(), null);
        // 0xFF starts a block of the reserved type 3: never valid DEFLATE.
        await client.SendFrameAsync(WebSocketOpcode.Binary, new byte[] { 0xFF, 0xFF, 0xFF }, rsv1: true);

        Assert.Null(await server.ReceiveAsync(CancellationToken.None));
        Assert.Equal(CloseStatusCodes.ProtocolError, await client.ReadCloseAsync());
    }

    [Fact]
    public async Task Rsv1WithoutNegotiatedDeflate_Fails_With1002()
    {
        var client = new TestClient(26);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), null, null);
        await client.SendFrameAsync(WebSocketOpcode.Binary, new byte[] { 0 }, rsv1: true);

        Assert.Null(await server.ReceiveAsync(CancellationToken.None));
        Assert.Equal(CloseStatusCodes.ProtocolError, await client.ReadCloseAsync());
    }

    [Fact]
    public async Task InvalidClosePayload_Fails_With1002()
    {
        var client = new TestClient(27);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), null, null);
        // 1005 may never appear on the wire.
        await client.SendFrameAsync(WebSocketOpcode.Close, new byte[] { 0x03, 0xED });

        Assert.Null(await server.ReceiveAsync(CancellationToken.None));
        Assert.Equal(CloseStatusCodes.ProtocolError, await client.ReadCloseAsync());
        Assert.True(await client.ServerOutputCompletedAsync());
    }

    [Fact]
    public async Task OverlappingReceives_AreRefused()
    {
        var client = new TestClient(28);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), null, null);
        Task<WebSocketMessage?> first = server.ReceiveAsync(CancellationToken.None).AsTask();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await server.ReceiveAsync(CancellationToken.None));
        await client.DropAsync();
        Assert.Null(await first);
    }

    [Fact]
    public async Task SendAsync_AfterClose_Throws()
    {
        var client = new TestClient(29);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), null, null);
        await client.SendCloseAsync(CloseStatusCodes.NormalClosure);
        Assert.Null(await server.ReceiveAsync(CancellationToken.None));

        await Assert.ThrowsAsync<WebSocketClosedException>(async () => await server.SendAsync(WebSocketOpcode.Binary, new byte[] { 1 }, CancellationToken.None));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LargeMessage_IsSentInFramesOfAtMostSendFrameBytes_RsvOnFirstOnly(bool deflate)
    {
        var client = new TestClient(30);
        var options = new DeflateOptions { CompressionLevel = 1 };
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), deflate ? DeflateAgreed() : null, options);
        // Random bytes do not shrink, so the compressed message needs several frames as well.
        byte[] payload = RandomBytes(new Random(30), 3 * WebSocketConnection.SendFrameBytes + 17);
        await server.SendAsync(WebSocketOpcode.Binary, payload, CancellationToken.None);

        List<ServerFrame> frames = await client.ReadMessageFramesAsync();
        Assert.True(frames.Count >= 4);
        Assert.All(frames, f => Assert.True(f.Payload.Length <= WebSocketConnection.SendFrameBytes));
        Assert.Equal(WebSocketOpcode.Binary, frames[0].Opcode);
        Assert.Equal(deflate, frames[0].Rsv1);
        Assert.All(frames.Skip(1), f => Assert.Equal(WebSocketOpcode.Continuation, f.Opcode));
        Assert.All(frames.Skip(1), f => Assert.False(f.Rsv1));
        byte[] wire = [.. frames.SelectMany(f => f.Payload)];
        if (deflate)
        {
            using var inflater = new MessageInflater(peerNoContextTakeover: false);
            var inflated = new System.Buffers.ArrayBufferWriter<byte>();
            Assert.Equal(InflateStatus.Ok, inflater.Inflate(wire, endOfMessage: true, inflated, long.MaxValue).Status);
            wire = inflated.WrittenSpan.ToArray();
        }
        Assert.Equal(payload, wire);
    }

    [Fact]
    public async Task SendAsync_WaitsWhenQueueIsFullAndPeerDoesNotRead()
    {
        // The server's output pauses at 1 KiB and the queue holds 2 messages: the first send blocks in its flush,
        // the second waits for the writer, the third for a slot. None can finish until the client reads.
        var client = new TestClient(23, new PipeOptions(pauseWriterThreshold: 1024, resumeWriterThreshold: 512, useSynchronizationContext: false));
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(sendQueueDepth: 2), null, null);
        byte[] payload = RandomBytes(new Random(23), 4096);

        Task[] sends = [.. Enumerable.Range(0, 3).Select(_ => server.SendAsync(WebSocketOpcode.Binary, payload, CancellationToken.None).AsTask())];
        await Task.Yield();
        Assert.All(sends, send => Assert.False(send.IsCompleted));

        for (int i = 0; i < sends.Length; i++)
        {
            (_, byte[] received) = await client.ReadMessageAsync();
            Assert.Equal(payload, received);
        }
        await Task.WhenAll(sends);
    }

    [Fact]
    public async Task KeepAlive_PingsWhenIdle_AndAbortsWith1006WhenNothingAnswers()
    {
        var client = new TestClient(24);
        var time = new ManualTimeProvider();
        WebSocketLimits limits = Limits();
        limits.KeepAliveInterval = TimeSpan.FromSeconds(30);
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(20);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, limits, null, null, time);
        Task<WebSocketMessage?> receive = server.ReceiveAsync(CancellationToken.None).AsTask();

        time.Advance(TimeSpan.FromSeconds(30));
        ServerFrame? ping = await client.ReadFrameAsync();
        Assert.Equal(WebSocketOpcode.Ping, ping!.Opcode);

        // A pong (any frame) re-arms the timer for the next ping instead of the timeout.
        await client.SendFrameAsync(WebSocketOpcode.Pong, ping.Payload);
        await client.SendFrameAsync(WebSocketOpcode.Binary, new byte[] { 7 });
        WebSocketMessage? message = await receive;
        Assert.Equal(new byte[] { 7 }, message!.Value.Payload.ToArray());

        receive = server.ReceiveAsync(CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(WebSocketOpcode.Ping, (await client.ReadFrameAsync())!.Opcode);
        time.Advance(TimeSpan.FromSeconds(20));

        Assert.Null(await receive);
        Assert.Equal(CloseStatusCodes.AbnormalClosure, server.CloseStatus);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Random text of exactly <paramref name="length"/> UTF-8 bytes, with 2-, 3- and 4-byte characters.</summary>
    private static byte[] RandomText(Random random, int length)
    {
        string[] pieces = ["a", "Z", " ", "\u00e9", "\u4e2d", "\U0001F600"];
        var text = new StringBuilder();
        int bytes = 0;
        while (bytes < length)
        {
            string piece = pieces[random.Next(pieces.Length)];
            int size = Encoding.UTF8.GetByteCount(piece);
            if (bytes + size > length)
            {
                piece = "a";
                size = 1;
            }
            text.Append(piece);
            bytes += size;
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Compressible ASCII text of <paramref name="length"/> bytes.</summary>
    private static byte[] RepetitiveText(Random random, int length)
    {
        string[] words = ["detect", "recognize", "text", "box", "angle", "score", "line"];
        var text = new StringBuilder();
        while (text.Length < length)
        {
            text.Append(words[random.Next(words.Length)]).Append(' ');
        }
        return Encoding.ASCII.GetBytes(text.ToString(0, length));
    }
}
