namespace MaoOcr.WebSockets.Tests.Conformance;

/// <summary>
/// Autobahn groups 9 (large messages, scaled to at most 4 MiB and a few repetitions) and 10 (auto-fragmentation) over a
/// real socket: one frame or many, sent whole or chopped into fixed chunks, echoed intact in frames of at most
/// <see cref="WebSocketConnection.SendFrameBytes"/>; and the limits refused with 1009 at the socket.
/// </summary>
public sealed class LargeMessageSocketTests : IClassFixture<EchoServerPool>
{
    private const int MiB = 1024 * 1024;

    private readonly EchoServerPool _servers;

    public LargeMessageSocketTests(EchoServerPool servers) => _servers = servers;

    // 9.1.x and 9.2.x: one frame each.
    [Theory]
    [InlineData(true, 64 * 1024)]
    [InlineData(true, 256 * 1024)]
    [InlineData(true, MiB)]
    [InlineData(true, 4 * MiB)]
    [InlineData(false, 64 * 1024)]
    [InlineData(false, 256 * 1024)]
    [InlineData(false, MiB)]
    [InlineData(false, 4 * MiB)]
    public async Task SingleFrameMessage_IsEchoed_InFramesOfAtMostSendFrameBytes(bool text, int length)
    {
        await using RawWebSocketClient client = await ConnectAsync(new WebSocketLimits(), length);
        byte[] payload = Payload(text, length, new Random(length));
        await client.Frames.SendFrameAsync(Opcode(text), payload);
        await AssertEchoedAsync(client.Frames, Opcode(text), payload);
        await CloseAsync(client);
    }

    // 9.3.1 and 9.4.1 exactly as the suite sends them: 4 MiB in 64-byte fragments, none final, then the empty final
    // frame of its endMessage: 65,537 frames.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Autobahn_9_3_1_and_9_4_1_AsTheSuiteSendsThem_AreEchoed(bool text)
    {
        const int Length = 4 * MiB, FragmentBytes = 64;
        await using RawWebSocketClient client = await ConnectAsync(new WebSocketLimits(), 931);
        byte[] payload = Payload(text, Length, new Random(931));
        var stream = new List<byte>(Length * 11 / 10);
        for (int start = 0; start < payload.Length; start += FragmentBytes)
        {
            stream.AddRange(client.Frames.BuildFrame(start == 0 ? Opcode(text) : WebSocketOpcode.Continuation, payload.AsSpan(start, FragmentBytes), fin: false));
        }
        stream.AddRange(client.Frames.BuildFrame(WebSocketOpcode.Continuation, [], fin: true));
        await client.Frames.SendRawAsync([.. stream], maxPieces: 64);
        await AssertEchoedAsync(client.Frames, Opcode(text), payload);
        await CloseAsync(client);
    }

    // 9.3.x and 9.4.x: 1 MiB (Autobahn: 4 MiB) in fragments of 64 B to the whole message.
    [Theory]
    [InlineData(true, 64)]
    [InlineData(true, 4096)]
    [InlineData(true, 256 * 1024)]
    [InlineData(true, MiB)]
    [InlineData(false, 256)]
    [InlineData(false, 16 * 1024)]
    [InlineData(false, 64 * 1024)]
    [InlineData(false, MiB)]
    public async Task FragmentedMessage_IsReassembledAndEchoed(bool text, int fragmentBytes)
    {
        await using RawWebSocketClient client = await ConnectAsync(new WebSocketLimits(), fragmentBytes);
        byte[] payload = Payload(text, MiB, new Random(fragmentBytes));
        var stream = new List<byte>();
        for (int start = 0; start < payload.Length; start += fragmentBytes)
        {
            int length = Math.Min(fragmentBytes, payload.Length - start);
            stream.AddRange(client.Frames.BuildFrame(start == 0 ? Opcode(text) : WebSocketOpcode.Continuation,
                payload.AsSpan(start, length), fin: start + length == payload.Length));
        }
        await client.Frames.SendRawAsync([.. stream], maxPieces: 64);
        await AssertEchoedAsync(client.Frames, Opcode(text), payload);
        await CloseAsync(client);
    }

    // 9.5.x and 9.6.x: one 1 MiB frame written in chunks of 64 B to 4 KiB, so that every read holds a sliver.
    [Theory]
    [InlineData(true, 64)]
    [InlineData(true, 997)]
    [InlineData(false, 128)]
    [InlineData(false, 4096)]
    public async Task MessageWrittenInSmallChunks_IsEchoed(bool text, int chunkBytes)
    {
        await using RawWebSocketClient client = await ConnectAsync(new WebSocketLimits(), chunkBytes);
        byte[] payload = Payload(text, MiB / 4, new Random(chunkBytes));
        await client.Frames.SendChunkedAsync(client.Frames.BuildFrame(Opcode(text), payload), chunkBytes);
        await AssertEchoedAsync(client.Frames, Opcode(text), payload);
        await CloseAsync(client);
    }

    // 9.7.x and 9.8.x: many small messages sent back to back before any is read (Autobahn: 1000; here 300).
    [Theory]
    [InlineData(true, 0)]
    [InlineData(true, 16)]
    [InlineData(false, 64)]
    [InlineData(false, 4096)]
    public async Task ManyMessagesBackToBack_AreEchoedInOrder(bool text, int length)
    {
        await using RawWebSocketClient client = await ConnectAsync(new WebSocketLimits(), length + 97);
        var random = new Random(length);
        byte[][] payloads = [.. Enumerable.Range(0, 300).Select(_ => Payload(text, length, random))];
        var stream = new List<byte>();
        foreach (byte[] payload in payloads)
        {
            stream.AddRange(client.Frames.BuildFrame(Opcode(text), payload));
        }
        await client.Frames.SendRawAsync([.. stream], maxPieces: 64);
        foreach (byte[] payload in payloads)
        {
            (WebSocketOpcode opcode, byte[] echoed) = await client.Frames.ReadMessageAsync();
            Assert.Equal(Opcode(text), opcode);
            Assert.Equal(payload, echoed);
        }
        await CloseAsync(client);
    }

    [Fact]
    public async Task FrameOverTheFrameLimit_IsRefusedWith1009_FromItsHeaderAlone()
    {
        await using RawWebSocketClient client = await ConnectAsync(new WebSocketLimits { MaxMessageBytes = MiB }, 9001);
        byte[] frame = client.Frames.BuildFrame(WebSocketOpcode.Binary, new byte[MiB + 1]);
        // Only the header up to its 64-bit length goes out: the declared length alone must decide.
        await client.Frames.SendRawAsync(frame[..10]);
        Assert.Equal(CloseStatusCodes.MessageTooBig, await client.Frames.ReadCloseAsync());
        Assert.True(await client.ServerEndedConnectionAsync());
    }

    [Fact]
    public async Task FragmentedMessageOverTheLimit_IsRefusedWith1009()
    {
        await using RawWebSocketClient client = await ConnectAsync(new WebSocketLimits { MaxMessageBytes = MiB }, 9002);
        await client.Frames.SendFrameAsync(WebSocketOpcode.Text, new byte[MiB / 2], fin: false);
        await client.Frames.SendFrameAsync(WebSocketOpcode.Continuation, new byte[MiB / 2], fin: false);
        byte[] last = client.Frames.BuildFrame(WebSocketOpcode.Continuation, new byte[1]);
        await client.Frames.SendRawAsync(last[..6]);
        Assert.Equal(CloseStatusCodes.MessageTooBig, await client.Frames.ReadCloseAsync());
        Assert.True(await client.ServerEndedConnectionAsync());
    }

    [Fact]
    public async Task OneFragmentTooMany_IsRefusedWith1009()
    {
        var limits = new WebSocketLimits { MaxFragments = 100 };
        await using RawWebSocketClient client = await ConnectAsync(limits, 9003);
        var stream = new List<byte>();
        for (int i = 0; i < 101; i++)
        {
            // The last is empty, so the stream ends with the header that breaks the limit.
            stream.AddRange(client.Frames.BuildFrame(i == 0 ? WebSocketOpcode.Binary : WebSocketOpcode.Continuation, i == 100 ? [] : [(byte)i], fin: false));
        }
        await client.Frames.SendRawAsync([.. stream], maxPieces: 16);
        Assert.Equal(CloseStatusCodes.MessageTooBig, await client.Frames.ReadCloseAsync());
        Assert.True(await client.ServerEndedConnectionAsync());
    }

    private async Task<RawWebSocketClient> ConnectAsync(WebSocketLimits limits, int seed) =>
        await RawWebSocketClient.ConnectAsync(await _servers.GetAsync(limits), seed);

    private static WebSocketOpcode Opcode(bool text) => text ? WebSocketOpcode.Text : WebSocketOpcode.Binary;

    private static byte[] Payload(bool text, int length, Random random) => ConformancePayloads.For(text, length, random);

    /// <summary>Group 10: the echo comes back in frames of at most SendFrameBytes, continuations after the first.</summary>
    private static async Task AssertEchoedAsync(TestClient client, WebSocketOpcode opcode, byte[] payload)
    {
        List<ServerFrame> frames = await client.ReadMessageFramesAsync();
        Assert.Equal(opcode, frames[0].Opcode);
        Assert.All(frames.Skip(1), f => Assert.Equal(WebSocketOpcode.Continuation, f.Opcode));
        Assert.All(frames, f => Assert.True(f.Payload.Length <= WebSocketConnection.SendFrameBytes));
        Assert.Equal(Math.Max(1, (payload.Length + WebSocketConnection.SendFrameBytes - 1) / WebSocketConnection.SendFrameBytes), frames.Count);
        Assert.Equal(payload, frames.SelectMany(f => f.Payload).ToArray());
    }

    private static async Task CloseAsync(RawWebSocketClient client)
    {
        await client.Frames.SendCloseAsync(CloseStatusCodes.NormalClosure);
        Assert.Equal(CloseStatusCodes.NormalClosure, await client.Frames.ReadCloseAsync());
        Assert.True(await client.ServerEndedConnectionAsync());
    }
}
