using System.IO.Pipelines;

namespace MaoOcr.WebSockets.Tests;

/// <summary>
/// The connection loop's behaviour when sends, closes and keep-alive meet: a peer that stops reading is dropped after
/// the send timeout (and the close frame waiting behind its data is bounded by the close timeout); a close that races
/// a reply makes that send throw <see cref="WebSocketClosedException"/>, which the echo handles; keep-alive pings go out
/// only after a whole interval without a frame from the peer. Time moves only on the manual clock.
/// </summary>
public sealed class ConnectionLoopTests
{
    // The server's output pauses at 1 KiB: a client that does not read blocks the first larger send in its flush.
    private static readonly PipeOptions s_smallOutput = new(pauseWriterThreshold: 1024, resumeWriterThreshold: 512, useSynchronizationContext: false);

    // A regression here would wait for ever; this bound turns it into a failure. Not a timing assertion: every wait
    // below ends as soon as the manual clock's event has run.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromMinutes(1);

    private static WebSocketLimits Limits() => UntimedLimits.Create();

    [Fact]
    public async Task SendBlockedByAPeerThatDoesNotRead_IsDroppedAfterTheSendTimeout_With1006()
    {
        var client = new TestClient(41, s_smallOutput);
        var time = new ManualTimeProvider();
        WebSocketLimits limits = Limits();
        limits.SendTimeout = TimeSpan.FromSeconds(20);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, limits, null, null, time);
        Task<WebSocketMessage?> receive = server.ReceiveAsync(CancellationToken.None).AsTask();

        Task send = server.SendAsync(WebSocketOpcode.Binary, new byte[64 * 1024], CancellationToken.None).AsTask();
        // The peer keeps writing (so keep-alive alone would never catch it) and its ping waits behind the data.
        await client.SendFrameAsync(WebSocketOpcode.Ping, "still here"u8.ToArray());
        time.Advance(TimeSpan.FromSeconds(19));
        Assert.False(send.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<WebSocketClosedException>(() => send.WaitAsync(s_hangGuard));
        Assert.Null(await receive.WaitAsync(s_hangGuard));
        Assert.Equal(CloseStatusCodes.AbnormalClosure, server.CloseStatus);
        await Assert.ThrowsAsync<WebSocketClosedException>(async () => await server.SendAsync(WebSocketOpcode.Text, "late"u8.ToArray(), CancellationToken.None));
    }

    [Fact]
    public async Task CloseWaitingBehindABlockedSend_IsBoundedByTheCloseTimeout()
    {
        var client = new TestClient(42, s_smallOutput);
        var time = new ManualTimeProvider();
        WebSocketLimits limits = Limits();
        limits.CloseTimeout = TimeSpan.FromSeconds(5);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, limits, null, null, time);

        Task send = server.SendAsync(WebSocketOpcode.Binary, new byte[64 * 1024], CancellationToken.None).AsTask();
        Task close = server.CloseAsync(CloseStatusCodes.GoingAway, "shutting down", CancellationToken.None).AsTask();
        Assert.False(close.IsCompleted);

        // The send timeout is off: only the close timeout can end this.
        time.Advance(TimeSpan.FromSeconds(5));
        await close.WaitAsync(s_hangGuard);
        await Assert.ThrowsAsync<WebSocketClosedException>(() => send.WaitAsync(s_hangGuard));
        Assert.Equal(CloseStatusCodes.AbnormalClosure, server.CloseStatus);
    }

    [Fact]
    public async Task SendThatAPeerReadsSlowly_CompletesWithoutTimingOut()
    {
        var client = new TestClient(43, s_smallOutput);
        var time = new ManualTimeProvider();
        WebSocketLimits limits = Limits();
        limits.SendTimeout = TimeSpan.FromSeconds(20);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, limits, null, null, time);
        byte[] payload = TestData(3 * WebSocketConnection.SendFrameBytes);

        // Each frame's flush is a fresh wait: the timeout bounds one frame, so 15 s per frame never trips the 20 s.
        Task send = server.SendAsync(WebSocketOpcode.Binary, payload, CancellationToken.None).AsTask();
        var received = new List<byte>();
        for (int frame = 0; frame < 3; frame++)
        {
            // This frame's bytes are out, so the previous frame's flush (and its timer) is over.
            ReadResult peek = await client.FromServer.ReadAsync();
            client.FromServer.AdvanceTo(peek.Buffer.Start);
            time.Advance(TimeSpan.FromSeconds(15));
            received.AddRange((await client.ReadFrameAsync())!.Payload);
        }
        await send;
        Assert.Equal(payload, received.ToArray());
        Assert.Null(server.CloseStatus);
    }

    [Fact]
    public async Task SendAfterCloseStarted_ThrowsWebSocketClosedException()
    {
        var client = new TestClient(44);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), null, null);
        await client.SendMessageAsync(WebSocketOpcode.Text, "question"u8.ToArray());
        WebSocketMessage? message = await server.ReceiveAsync(CancellationToken.None);
        Assert.NotNull(message);

        // Shutdown closes while the application still holds a message to answer.
        Task close = server.CloseAsync(CloseStatusCodes.GoingAway, "", CancellationToken.None).AsTask();
        Assert.Equal(CloseStatusCodes.GoingAway, await client.ReadCloseAsync());
        var refused = await Assert.ThrowsAsync<WebSocketClosedException>(async () =>
            await server.SendAsync(WebSocketOpcode.Text, "answer"u8.ToArray(), CancellationToken.None));
        Assert.IsAssignableFrom<InvalidOperationException>(refused);

        await client.SendCloseAsync(CloseStatusCodes.GoingAway);
        await close;
        Assert.Equal(CloseStatusCodes.GoingAway, server.CloseStatus);
        Assert.True(await client.ServerOutputCompletedAsync());
    }

    [Fact]
    public async Task EchoRacedByCloseAsync_SkipsTheReply_AndTheHandshakeCompletesCleanly()
    {
        var client = new TestClient(45);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), null, null);
        Task echo = WebSocketEcho.RunAsync(server);
        await client.SendMessageAsync(WebSocketOpcode.Binary, [1]);
        Assert.Equal(new byte[] { 1 }, (await client.ReadMessageAsync()).Payload);

        Task close = server.CloseAsync(CloseStatusCodes.GoingAway, "", CancellationToken.None).AsTask();
        Assert.Equal(CloseStatusCodes.GoingAway, await client.ReadCloseAsync());
        // The client had sent this before it saw our close: the echo receives it, and its reply is refused.
        await client.SendMessageAsync(WebSocketOpcode.Binary, [2]);
        await client.SendCloseAsync(CloseStatusCodes.GoingAway);

        await echo.WaitAsync(s_hangGuard);
        await close.WaitAsync(s_hangGuard);
        Assert.True(await client.ServerOutputCompletedAsync(), "Nothing may follow our close frame.");
        Assert.Equal(CloseStatusCodes.GoingAway, server.CloseStatus);
    }

    [Fact]
    public async Task KeepAlive_SendsNoPingWhileFramesArrive_AndPingsAfterAnIdleInterval()
    {
        var client = new TestClient(46);
        var time = new ManualTimeProvider();
        WebSocketLimits limits = Limits();
        limits.KeepAliveInterval = TimeSpan.FromSeconds(30);
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(20);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, limits, null, null, time);
        Task echo = WebSocketEcho.RunAsync(server);

        // Two minutes of traffic, a message every 10 s: a ping would show up ahead of an echo.
        for (int i = 0; i < 12; i++)
        {
            await client.SendMessageAsync(WebSocketOpcode.Binary, [(byte)i]);
            ServerFrame? frame = await client.ReadFrameAsync();
            Assert.Equal(WebSocketOpcode.Binary, frame!.Opcode);
            Assert.Equal(new[] { (byte)i }, frame.Payload);
            time.Advance(TimeSpan.FromSeconds(10));
        }

        // The last frame came 10 s ago: 20 s more of silence makes a whole idle interval.
        time.Advance(TimeSpan.FromSeconds(19));
        await client.SendMessageAsync(WebSocketOpcode.Binary, [99]);
        Assert.Equal(WebSocketOpcode.Binary, (await client.ReadFrameAsync())!.Opcode);
        time.Advance(TimeSpan.FromSeconds(30));
        ServerFrame? ping = await client.ReadFrameAsync();
        Assert.Equal(WebSocketOpcode.Ping, ping!.Opcode);

        // Answered: no failure at the timeout, and the next ping only after another idle interval.
        await client.SendFrameAsync(WebSocketOpcode.Pong, ping.Payload);
        await client.SendMessageAsync(WebSocketOpcode.Binary, [100]);
        Assert.Equal(new byte[] { 100 }, (await client.ReadMessageAsync()).Payload);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Null(server.CloseStatus);
        await client.SendCloseAsync(CloseStatusCodes.NormalClosure);
        Assert.Equal(CloseStatusCodes.NormalClosure, await client.ReadCloseAsync());
        await echo;
    }

    [Fact]
    public async Task KeepAlive_UnansweredPing_StillFailsWith1006()
    {
        var client = new TestClient(47);
        var time = new ManualTimeProvider();
        WebSocketLimits limits = Limits();
        limits.KeepAliveInterval = TimeSpan.FromSeconds(30);
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(20);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, limits, null, null, time);
        Task<WebSocketMessage?> receive = server.ReceiveAsync(CancellationToken.None).AsTask();

        // The client's pings are answered, so each was received (and stamped) before the clock moves on.
        await client.SendFrameAsync(WebSocketOpcode.Ping, ReadOnlyMemory<byte>.Empty);
        Assert.Equal(WebSocketOpcode.Pong, (await client.ReadFrameAsync())!.Opcode);
        time.Advance(TimeSpan.FromSeconds(20));
        await client.SendFrameAsync(WebSocketOpcode.Ping, ReadOnlyMemory<byte>.Empty);
        Assert.Equal(WebSocketOpcode.Pong, (await client.ReadFrameAsync())!.Opcode);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(WebSocketOpcode.Ping, (await client.ReadFrameAsync())!.Opcode);
        time.Advance(TimeSpan.FromSeconds(19));
        Assert.False(receive.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await receive.WaitAsync(s_hangGuard));
        Assert.Equal(CloseStatusCodes.AbnormalClosure, server.CloseStatus);
    }

    private static byte[] TestData(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }
}
