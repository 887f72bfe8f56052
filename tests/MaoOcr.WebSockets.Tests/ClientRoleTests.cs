using System.Buffers;

namespace MaoOcr.WebSockets.Tests;

/// <summary>
/// The client role on the wire, against a test peer that plays the server: every frame the client sends (data,
/// continuation, pong, close) is masked with a fresh key while the caller's buffer stays as it was (RFC 6455 §5.3); a
/// masked frame from the server fails the connection with 1002 (§5.1); the client compresses within its own negotiated
/// window and resets by its own no_context_takeover (RFC 7692 §7.1).
/// </summary>
public sealed class ClientRoleTests
{
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private static WebSocketLimits Limits() => UntimedLimits.Create();

    [Fact]
    public async Task EveryFrameTheClientSends_IsMaskedWithAFreshKey_AndTheCallersBufferIsUntouched()
    {
        var server = TestClient.PlayingServer(71);
        await using var client = WebSocketConnection.CreateClient(server.ConnectionTransport, Limits(), null);
        Task<WebSocketMessage?> receive = client.ReceiveAsync(CancellationToken.None).AsTask();
        var random = new Random(71);
        byte[][] messages = [.. new[] { 5, 20_000, 60_000, (3 * WebSocketConnection.SendFrameBytes) + 5 }.Select(length =>
        {
            byte[] payload = new byte[length];
            random.NextBytes(payload);
            return payload;
        })];

        var frames = new List<ServerFrame>();
        foreach (byte[] payload in messages)
        {
            byte[] original = payload.ToArray();
            await client.SendAsync(WebSocketOpcode.Binary, payload, CancellationToken.None);
            Assert.Equal(original, payload);
            List<ServerFrame> message = await server.ReadMessageFramesAsync();
            Assert.Equal(payload, message.SelectMany(f => f.Payload).ToArray());
            frames.AddRange(message);
        }
        await server.SendFrameAsync(WebSocketOpcode.Ping, "are you there"u8.ToArray());
        ServerFrame pong = (await server.ReadFrameAsync())!;
        Assert.Equal(WebSocketOpcode.Pong, pong.Opcode);
        Assert.Equal("are you there"u8.ToArray(), pong.Payload);
        frames.Add(pong);
        Task close = client.CloseAsync(CloseStatusCodes.NormalClosure, "bye", CancellationToken.None).AsTask();
        ServerFrame closeFrame = (await server.ReadFrameAsync())!;
        Assert.Equal(WebSocketOpcode.Close, closeFrame.Opcode);
        frames.Add(closeFrame);

        // The 4th message took several frames; the parser already refused any frame without the MASK bit.
        Assert.True(frames.Count >= 8);
        Assert.All(frames, f => Assert.NotNull(f.MaskKey));
        Assert.Equal(frames.Count, frames.Select(f => f.MaskKey).Distinct().Count());

        await server.SendCloseAsync(CloseStatusCodes.NormalClosure);
        await close.WaitAsync(s_hangGuard);
        Assert.Null(await receive.WaitAsync(s_hangGuard));
        Assert.Equal(WebSocketConnectionState.Closed, client.State);
    }

    [Fact]
    public async Task MaskedFrameFromTheServer_FailsTheClient_With1002()
    {
        var server = TestClient.PlayingServer(72);
        await using var client = WebSocketConnection.CreateClient(server.ConnectionTransport, Limits(), null);
        await server.SendFrameAsync(WebSocketOpcode.Binary, new byte[] { 1, 2, 3 }, masked: true);

        Assert.Null(await client.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(s_hangGuard));
        ServerFrame close = (await server.ReadFrameAsync())!;
        Assert.Equal(WebSocketOpcode.Close, close.Opcode);
        Assert.NotNull(close.MaskKey);
        Assert.Equal(CloseStatusCodes.ProtocolError, (ushort)((close.Payload[0] << 8) | close.Payload[1]));
        Assert.Equal(WebSocketConnectionState.Closed, client.State);
        Assert.Equal(CloseStatusCodes.ProtocolError, client.CloseStatus);
    }

    [Fact]
    public async Task UnmaskedFramesFromTheServer_AreReceived()
    {
        var server = TestClient.PlayingServer(73);
        await using var client = WebSocketConnection.CreateClient(server.ConnectionTransport, Limits(), null);
        await server.SendFrameAsync(WebSocketOpcode.Text, "hel"u8.ToArray(), fin: false);
        await server.SendFrameAsync(WebSocketOpcode.Continuation, "lo"u8.ToArray());

        WebSocketMessage? message = await client.ReceiveAsync(CancellationToken.None);
        Assert.Equal(WebSocketOpcode.Text, message!.Value.Opcode);
        Assert.Equal("hello"u8.ToArray(), message.Value.Payload.ToArray());
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(9, true)]
    [InlineData(12, false)]
    [InlineData(15, true)]
    public async Task ClientCompresses_WithinItsWindow_AndResetsByItsOwnNoContextTakeover(int clientWindowBits, bool clientNoContextTakeover)
    {
        // The server's side is the opposite of the client's, so a client that compressed by the server's parameters fails.
        var agreed = new DeflateParameters(
            serverNoContextTakeover: !clientNoContextTakeover, clientNoContextTakeover, serverMaxWindowBits: clientWindowBits == 15 ? 9 : 15, clientWindowBits, true, true);
        var server = TestClient.PlayingServer(74);
        await using var client = WebSocketConnection.CreateClient(server.ConnectionTransport, Limits(), agreed, new DeflateOptions { CompressionThreshold = 0 });

        // A window just big enough for what the client agreed to: a match reaching further back does not inflate.
        // 8 is compressed as 9 (see MessageDeflater.ZlibWindowBits), whose matches stay within 250 bytes.
        using var inflater = new MessageInflater(clientNoContextTakeover, clientWindowBits);
        byte[] message = RepeatsFarApart(seed: clientWindowBits);
        for (int i = 0; i < 3; i++)
        {
            await client.SendAsync(WebSocketOpcode.Binary, message, CancellationToken.None);
            List<ServerFrame> frames = await server.ReadMessageFramesAsync();
            Assert.True(frames[0].Rsv1);
            byte[] compressed = [.. frames.SelectMany(f => f.Payload)];
            // Under no_context_takeover a fresh inflater must read every message: nothing refers to the one before.
            using var fresh = new MessageInflater(peerNoContextTakeover: true, clientWindowBits);
            MessageInflater reader = clientNoContextTakeover ? fresh : inflater;
            var inflated = new ArrayBufferWriter<byte>();
            Assert.Equal(InflateStatus.Ok, reader.Inflate(compressed, endOfMessage: true, inflated, long.MaxValue).Status);
            Assert.Equal(message, inflated.WrittenSpan.ToArray());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClientInflates_ByTheServersNoContextTakeover(bool serverNoContextTakeover)
    {
        var agreed = new DeflateParameters(serverNoContextTakeover, clientNoContextTakeover: !serverNoContextTakeover, 15, 15, false, false);
        var server = TestClient.PlayingServer(75);
        await using var client = WebSocketConnection.CreateClient(server.ConnectionTransport, Limits(), agreed);
        using var deflater = new MessageDeflater(15, serverNoContextTakeover, compressionThreshold: 0);
        byte[] message = RepeatsFarApart(seed: 75);

        for (int i = 0; i < 3; i++)
        {
            await server.SendMessageAsync(WebSocketOpcode.Binary, message, deflater);
            WebSocketMessage? received = await client.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(s_hangGuard);
            Assert.Equal(message, received!.Value.Payload.ToArray());
        }
    }

    /// <summary>16 KiB whose 1 KiB blocks repeat 4 KiB apart: a 15-bit window finds them, a 9-bit one (512 B) cannot.</summary>
    private static byte[] RepeatsFarApart(int seed)
    {
        var random = new Random(seed);
        byte[] blocks = new byte[4 * 1024];
        random.NextBytes(blocks);
        byte[] message = new byte[16 * 1024];
        for (int i = 0; i < message.Length; i += blocks.Length)
        {
            blocks.CopyTo(message, i);
        }
        return message;
    }
}
