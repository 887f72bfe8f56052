namespace MaoOcr.WebSockets.Tests;

/// <summary>
/// A message sent in several frames to a peer that reads slowly: our pong goes out between its frames (RFC 6455 §5.4
/// allows control frames amid a fragmented message), so a long send does not hold the peer's ping unanswered; another
/// message waits for the whole of the first, never landing among its frames. Each step waits for an event, not a time.
/// </summary>
public sealed class FragmentedSendTests
{
    private const int Frames = 4;

    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PingDuringALongSend_IsAnsweredBeforeTheMessageEnds()
    {
        await using var link = new PipeLink(s_hangGuard);
        byte[] payload = Payload(1);
        Task send = link.Server.SendAsync(WebSocketOpcode.Binary, payload, CancellationToken.None).AsTask();
        // The first frame is in the pipe and its flush is held: the client reads nothing yet.
        Task<WebSocketMessage?> receive = link.Server.ReceiveAsync(CancellationToken.None).AsTask();

        // Returns once the server has consumed the ping, so its pong is waiting for the write lock.
        await link.Client.SendRawAsync(link.Client.BuildFrame(WebSocketOpcode.Ping, "are you there"u8), maxPieces: 1).WaitAsync(s_hangGuard);

        List<ServerFrame> frames = await ReadUntilMessageEndsAsync(link.Client);
        await send.WaitAsync(s_hangGuard);

        int pong = frames.FindIndex(f => f.Opcode == WebSocketOpcode.Pong);
        Assert.True(pong >= 0, "no pong before the message's last frame");
        Assert.Equal("are you there"u8.ToArray(), frames[pong].Payload);
        List<ServerFrame> data = frames.Where(f => f.Opcode != WebSocketOpcode.Pong).ToList();
        Assert.Equal(WebSocketOpcode.Binary, data[0].Opcode);
        Assert.All(data.Skip(1), f => Assert.Equal(WebSocketOpcode.Continuation, f.Opcode));
        Assert.Equal(payload, data.SelectMany(f => f.Payload).ToArray());
        Assert.False(receive.IsCompleted);
    }

    [Fact]
    public async Task SecondMessage_WaitsForEveryFrameOfTheFirst()
    {
        await using var link = new PipeLink(s_hangGuard);
        byte[] first = Payload(2);
        Task sendFirst = link.Server.SendAsync(WebSocketOpcode.Binary, first, CancellationToken.None).AsTask();
        Task sendSecond = link.Server.SendAsync(WebSocketOpcode.Text, "second"u8.ToArray(), CancellationToken.None).AsTask();
        // A ping as well, so that the write lock really is handed around between the first message's frames.
        Task<WebSocketMessage?> receive = link.Server.ReceiveAsync(CancellationToken.None).AsTask();
        await link.Client.SendRawAsync(link.Client.BuildFrame(WebSocketOpcode.Ping, "p"u8), maxPieces: 1).WaitAsync(s_hangGuard);

        List<ServerFrame> frames = await ReadUntilMessageEndsAsync(link.Client);
        ServerFrame? next = await link.Client.ReadFrameAsync().WaitAsync(s_hangGuard);
        if (next?.Opcode == WebSocketOpcode.Pong)
        {
            frames.Add(next);
            next = await link.Client.ReadFrameAsync().WaitAsync(s_hangGuard);
        }
        await Task.WhenAll(sendFirst, sendSecond).WaitAsync(s_hangGuard);

        List<ServerFrame> data = frames.Where(f => f.Opcode != WebSocketOpcode.Pong).ToList();
        Assert.Equal(first, data.SelectMany(f => f.Payload).ToArray());
        Assert.All(data.Skip(1), f => Assert.Equal(WebSocketOpcode.Continuation, f.Opcode));
        Assert.NotNull(next);
        Assert.Equal(WebSocketOpcode.Text, next.Opcode);
        Assert.Equal("second"u8.ToArray(), next.Payload);
        Assert.False(receive.IsCompleted);
    }

    [Fact]
    public async Task CloseBetweenFrames_EndsTheLongSend_WithClosedException()
    {
        await using var link = new PipeLink(s_hangGuard);
        Task send = link.Server.SendAsync(WebSocketOpcode.Binary, Payload(3), CancellationToken.None).AsTask();
        Task close = link.Server.CloseAsync(CloseStatusCodes.GoingAway, "bye", CancellationToken.None).AsTask();

        // The first frame, then our close frame, which took the write lock between the frames; nothing after it.
        ServerFrame? firstFrame = await link.Client.ReadFrameAsync().WaitAsync(s_hangGuard);
        Assert.Equal(WebSocketOpcode.Binary, firstFrame!.Opcode);
        Assert.False(firstFrame.Fin);
        Assert.Equal(CloseStatusCodes.GoingAway, await link.Client.ReadCloseAsync().WaitAsync(s_hangGuard));
        await Assert.ThrowsAsync<WebSocketClosedException>(() => send.WaitAsync(s_hangGuard));

        await link.Client.SendCloseAsync(CloseStatusCodes.GoingAway).WaitAsync(s_hangGuard);
        await close.WaitAsync(s_hangGuard);
    }

    [Fact]
    public async Task CancelledBetweenFrames_AbortsTheConnection()
    {
        await using var link = new PipeLink(s_hangGuard);
        using var cancel = new CancellationTokenSource();
        Task send = link.Server.SendAsync(WebSocketOpcode.Binary, Payload(4), cancel.Token).AsTask();

        ServerFrame? firstFrame = await link.Client.ReadFrameAsync().WaitAsync(s_hangGuard);
        Assert.False(firstFrame!.Fin);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(s_hangGuard));
        // The peer waits for a continuation that will not come: no new message may start, the connection is over.
        Assert.Equal(CloseStatusCodes.AbnormalClosure, link.Server.CloseStatus);
        await Assert.ThrowsAsync<WebSocketClosedException>(async () =>
            await link.Server.SendAsync(WebSocketOpcode.Text, "next"u8.ToArray(), CancellationToken.None));
    }

    private static byte[] Payload(int seed)
    {
        byte[] payload = new byte[Frames * WebSocketConnection.SendFrameBytes];
        new Random(seed).NextBytes(payload);
        return payload;
    }

    private static async Task<List<ServerFrame>> ReadUntilMessageEndsAsync(TestClient client)
    {
        var frames = new List<ServerFrame>();
        while (true)
        {
            ServerFrame frame = (await client.ReadFrameAsync().WaitAsync(s_hangGuard))!;
            frames.Add(frame);
            if (frame.Opcode != WebSocketOpcode.Pong && frame.Fin)
            {
                return frames;
            }
        }
    }
}
