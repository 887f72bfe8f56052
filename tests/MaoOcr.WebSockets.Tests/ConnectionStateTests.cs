using System.IO.Pipelines;

namespace MaoOcr.WebSockets.Tests;

/// <summary>
/// The connection's one lifecycle state: the transitions of a close started by the peer, one started by us, a protocol
/// failure and each way of aborting; and the one exception, <see cref="WebSocketClosedException"/>, for every send the
/// state refuses and every transport failure. A state is read once the event that sets it has happened; where that event
/// has no outside sign, the test waits for the state itself (bounded), never for a time.
/// </summary>
public sealed class ConnectionStateTests
{
    // The server's output pauses at 1 KiB: a larger send holds the write lock in its flush until the client reads.
    private static readonly PipeOptions s_smallOutput = new(pauseWriterThreshold: 1024, resumeWriterThreshold: 512, useSynchronizationContext: false);

    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    public enum Ending
    {
        PeerClose,
        OurClose,
        ProtocolFailure,
        KeepAliveTimeout,
        CloseTimeout,
        TransportEnded,
        TransportFailed,
        Disposed,
    }

    private static WebSocketLimits Limits() => UntimedLimits.Create();

    [Fact]
    public async Task CloseStartedByThePeer_GoesOpen_CloseReceived_Closed()
    {
        var client = new TestClient(61, s_smallOutput);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), null, null);
        Assert.Equal(WebSocketConnectionState.Open, server.State);
        Task<WebSocketMessage?> receive = server.ReceiveAsync(CancellationToken.None).AsTask();

        // A send held by back-pressure keeps the write lock, so our answer to the peer's close waits and CloseReceived lasts.
        Task held = server.SendAsync(WebSocketOpcode.Binary, new byte[4096], CancellationToken.None).AsTask();
        await client.SendCloseAsync(4000, "done");
        await WaitForStateAsync(server, WebSocketConnectionState.CloseReceived);
        Assert.Equal((ushort)4000, server.CloseStatus);

        (_, byte[] data) = await client.ReadMessageAsync();
        Assert.Equal(4096, data.Length);
        Assert.Equal(4000, await client.ReadCloseAsync());
        Assert.Null(await receive.WaitAsync(s_hangGuard));
        await held;
        Assert.Equal(WebSocketConnectionState.Closed, server.State);
        Assert.True(await client.ServerOutputCompletedAsync());
    }

    [Fact]
    public async Task CloseStartedByUs_GoesOpen_CloseSent_Closed_AndStillReceivesInCloseSent()
    {
        var client = new TestClient(62);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), null, null);
        Task<WebSocketMessage?> receive = server.ReceiveAsync(CancellationToken.None).AsTask();

        Task close = server.CloseAsync(CloseStatusCodes.NormalClosure, "bye", CancellationToken.None).AsTask();
        Assert.Equal(CloseStatusCodes.NormalClosure, await client.ReadCloseAsync());
        Assert.Equal(WebSocketConnectionState.CloseSent, server.State);

        // The peer's messages still arrive until its close; ours may not follow our close frame.
        await client.SendMessageAsync(WebSocketOpcode.Binary, [9]);
        Assert.Equal(new byte[] { 9 }, (await receive.WaitAsync(s_hangGuard))!.Value.Payload.ToArray());
        WebSocketClosedException refused = await Assert.ThrowsAsync<WebSocketClosedException>(async () =>
            await server.SendAsync(WebSocketOpcode.Binary, new byte[] { 1 }, CancellationToken.None));
        Assert.Equal(WebSocketConnectionState.CloseSent, refused.State);

        await client.SendCloseAsync(CloseStatusCodes.NormalClosure);
        Assert.Null(await server.ReceiveAsync(CancellationToken.None));
        await close.WaitAsync(s_hangGuard);
        Assert.Equal(WebSocketConnectionState.Closed, server.State);
        Assert.Equal(CloseStatusCodes.NormalClosure, server.CloseStatus);
    }

    [Fact]
    public async Task ProtocolFailure_SendsItsCloseFrame_AndEndsClosed()
    {
        var client = new TestClient(63);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), null, null);
        await client.SendFrameAsync(WebSocketOpcode.Binary, new byte[] { 1 }, masked: false);

        Assert.Null(await server.ReceiveAsync(CancellationToken.None));
        Assert.Equal(WebSocketConnectionState.Closed, server.State);
        Assert.Equal(CloseStatusCodes.ProtocolError, server.CloseStatus);
        Assert.Equal(CloseStatusCodes.ProtocolError, await client.ReadCloseAsync());
        Assert.True(await client.ServerOutputCompletedAsync());
    }

    [Theory]
    [InlineData(Ending.KeepAliveTimeout)]
    [InlineData(Ending.CloseTimeout)]
    [InlineData(Ending.TransportEnded)]
    [InlineData(Ending.TransportFailed)]
    [InlineData(Ending.Disposed)]
    public async Task EveryAbort_EndsAborted_With1006(Ending ending)
    {
        await using var ended = await EndAsync(ending);
        Assert.Equal(WebSocketConnectionState.Aborted, ended.Server.State);
        Assert.Equal(CloseStatusCodes.AbnormalClosure, ended.Server.CloseStatus);
    }

    public static TheoryData<Ending, bool> EveryEndingOnEitherTransport()
    {
        var data = new TheoryData<Ending, bool>();
        foreach (Ending ending in Enum.GetValues<Ending>())
        {
            data.Add(ending, false);
            data.Add(ending, true);
        }
        return data;
    }

    /// <remarks>
    /// Also over stream pipes, the upgrade fallback's transport (PipeReader.Create/PipeWriter.Create), whose ends dispose
    /// their token sources once completed: a late cancel of their waits would throw ObjectDisposedException.
    /// </remarks>
    [Theory]
    [MemberData(nameof(EveryEndingOnEitherTransport))]
    public async Task AfterEveryEnding_SendThrowsWebSocketClosedException_ReceiveReturnsNull_CloseReturns(Ending ending, bool overStreamPipes)
    {
        await using var ended = await EndAsync(ending, overStreamPipes);
        WebSocketConnection server = ended.Server;
        WebSocketConnectionState state = server.State;
        Assert.True(state is WebSocketConnectionState.Closed or WebSocketConnectionState.Aborted, $"{ending} left the connection {state}.");

        WebSocketClosedException refused = await Assert.ThrowsAsync<WebSocketClosedException>(async () =>
            await server.SendAsync(WebSocketOpcode.Text, "late"u8.ToArray(), CancellationToken.None));
        Assert.Equal(state, refused.State);
        Assert.Null(refused.InnerException);
        Assert.Null(await server.ReceiveAsync(CancellationToken.None));
        await server.CloseAsync(CloseStatusCodes.NormalClosure, "again", CancellationToken.None).AsTask().WaitAsync(s_hangGuard);
        await server.DisposeAsync();
        Assert.Equal(state, server.State);
        await Assert.ThrowsAsync<WebSocketClosedException>(async () =>
            await server.SendAsync(WebSocketOpcode.Text, "after dispose"u8.ToArray(), CancellationToken.None));
        Assert.Null(await server.ReceiveAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TransportFailureUnderAReceive_ThrowsWebSocketClosedException_WithTheCause()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        await using var server = WebSocketConnection.CreateServer(new PipeLink.Transport(toServer.Reader, toClient.Writer), Limits(), null, null);
        Task<WebSocketMessage?> receive = server.ReceiveAsync(CancellationToken.None).AsTask();

        await toServer.Writer.CompleteAsync(new IOException("Connection reset by peer"));

        WebSocketClosedException failed = await Assert.ThrowsAsync<WebSocketClosedException>(() => receive.WaitAsync(s_hangGuard));
        Assert.IsType<IOException>(failed.InnerException);
        Assert.Equal(WebSocketConnectionState.Aborted, failed.State);
        Assert.Equal(WebSocketConnectionState.Aborted, server.State);
        Assert.Equal(CloseStatusCodes.AbnormalClosure, server.CloseStatus);
        Assert.Null(await server.ReceiveAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TransportFailureUnderASend_ThrowsWebSocketClosedException_WithTheCause()
    {
        // A stream transport (the upgrade fallback's) whose stream is gone: its write throws ObjectDisposedException.
        var stream = new MemoryStream();
        await stream.DisposeAsync();
        var toServer = new Pipe();
        await using var server = WebSocketConnection.CreateServer(new PipeLink.Transport(toServer.Reader, PipeWriter.Create(stream)), Limits(), null, null);

        WebSocketClosedException failed = await Assert.ThrowsAsync<WebSocketClosedException>(async () =>
            await server.SendAsync(WebSocketOpcode.Binary, new byte[100], CancellationToken.None));
        Assert.IsType<ObjectDisposedException>(failed.InnerException);
        Assert.Equal(WebSocketConnectionState.Aborted, server.State);
        Assert.Equal(CloseStatusCodes.AbnormalClosure, server.CloseStatus);
        await server.CloseAsync(CloseStatusCodes.NormalClosure, "", CancellationToken.None).AsTask().WaitAsync(s_hangGuard);
    }

    [Fact]
    public async Task ManySendersRacingCloseAsync_EachSucceedsOrGetsWebSocketClosedException()
    {
        var client = new TestClient(64);
        await using var server = WebSocketConnection.CreateServer(client.ConnectionTransport, Limits(), null, null);
        Task echo = WebSocketEcho.RunAsync(server);
        using var start = new SemaphoreSlim(0);
        Task<Exception?>[] senders = [.. Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            try
            {
                for (int n = 0; n < 200; n++)
                {
                    await server.SendAsync(WebSocketOpcode.Binary, new byte[1 + (n * 37 % 5000)], CancellationToken.None);
                }
                return null;
            }
            catch (Exception exception)
            {
                return exception;
            }
        }))];
        start.Release(senders.Length);
        Task close = Task.Run(async () => await server.CloseAsync(CloseStatusCodes.GoingAway, "", CancellationToken.None));

        // Read until our close frame, answer it, and check that nothing followed it.
        while ((await client.ReadFrameAsync().WaitAsync(s_hangGuard))!.Opcode != WebSocketOpcode.Close)
        {
        }
        await client.SendCloseAsync(CloseStatusCodes.GoingAway);
        await Task.WhenAll(close, echo).WaitAsync(s_hangGuard);
        Assert.True(await client.ServerOutputCompletedAsync(), "Nothing may follow our close frame.");

        foreach (Exception? failure in await Task.WhenAll(senders).WaitAsync(s_hangGuard))
        {
            Assert.True(failure is null or WebSocketClosedException, $"A send failed with {failure}");
        }
        Assert.Equal(WebSocketConnectionState.Closed, server.State);
    }

    [Fact]
    public async Task CloseAsync_AfterDisposeAsync_OnTheSystemClock_ReturnsWithoutThrowing()
    {
        // The real timers: a disposed keep-alive timer must not be touched into an ObjectDisposedException.
        var client = new TestClient(66);
        WebSocketLimits limits = Limits();
        limits.KeepAliveInterval = TimeSpan.FromMinutes(5);
        limits.CloseTimeout = TimeSpan.FromMinutes(5);
        var server = WebSocketConnection.CreateServer(client.ConnectionTransport, limits, null, null);
        await server.DisposeAsync();

        await server.CloseAsync(CloseStatusCodes.GoingAway, "shutting down", CancellationToken.None).AsTask().WaitAsync(s_hangGuard);
        Assert.Equal(WebSocketConnectionState.Aborted, server.State);
        Assert.True(await client.ServerOutputCompletedAsync());
    }

    /// <summary>Brings a fresh server connection to <paramref name="ending"/>, an end state, over pipes or over stream pipes.</summary>
    private static async Task<Ended> EndAsync(Ending ending, bool overStreamPipes = false)
    {
        var time = new ManualTimeProvider();
        WebSocketLimits limits = Limits();
        if (ending == Ending.KeepAliveTimeout)
        {
            limits.KeepAliveInterval = TimeSpan.FromSeconds(30);
            limits.KeepAliveTimeout = TimeSpan.FromSeconds(20);
        }
        if (ending == Ending.CloseTimeout)
        {
            limits.CloseTimeout = TimeSpan.FromSeconds(5);
        }
        var toServer = new Pipe(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));
        var toClient = new Pipe(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));
        var client = new TestClient(toServer.Writer, toClient.Reader, seed: 65, CancellationToken.None);
        var transport = overStreamPipes
            ? new PipeLink.Transport(PipeReader.Create(toServer.Reader.AsStream()), PipeWriter.Create(toClient.Writer.AsStream()))
            : new PipeLink.Transport(toServer.Reader, toClient.Writer);
        var server = WebSocketConnection.CreateServer(transport, limits, null, null, time);
        switch (ending)
        {
            case Ending.PeerClose:
                await client.SendCloseAsync(CloseStatusCodes.NormalClosure);
                Assert.Null(await server.ReceiveAsync(CancellationToken.None));
                break;
            case Ending.OurClose:
                Task close = server.CloseAsync(CloseStatusCodes.NormalClosure, "", CancellationToken.None).AsTask();
                Assert.Equal(CloseStatusCodes.NormalClosure, await client.ReadCloseAsync());
                await client.SendCloseAsync(CloseStatusCodes.NormalClosure);
                await close.WaitAsync(s_hangGuard);
                break;
            case Ending.ProtocolFailure:
                await client.SendFrameAsync(WebSocketOpcode.Binary, new byte[1], masked: false);
                Assert.Null(await server.ReceiveAsync(CancellationToken.None));
                break;
            case Ending.KeepAliveTimeout:
                Task<WebSocketMessage?> receive = server.ReceiveAsync(CancellationToken.None).AsTask();
                time.Advance(TimeSpan.FromSeconds(30));
                Assert.Equal(WebSocketOpcode.Ping, (await client.ReadFrameAsync())!.Opcode);
                time.Advance(TimeSpan.FromSeconds(20));
                Assert.Null(await receive.WaitAsync(s_hangGuard));
                break;
            case Ending.CloseTimeout:
                Task unanswered = server.CloseAsync(CloseStatusCodes.NormalClosure, "", CancellationToken.None).AsTask();
                Assert.Equal(CloseStatusCodes.NormalClosure, await client.ReadCloseAsync());
                time.Advance(TimeSpan.FromSeconds(5));
                await unanswered.WaitAsync(s_hangGuard);
                break;
            case Ending.TransportEnded:
                await client.DropAsync();
                Assert.Null(await server.ReceiveAsync(CancellationToken.None));
                break;
            case Ending.TransportFailed:
                await toServer.Writer.CompleteAsync(new IOException("Connection reset by peer"));
                await Assert.ThrowsAsync<WebSocketClosedException>(async () => await server.ReceiveAsync(CancellationToken.None));
                break;
            default:
                Assert.Equal(Ending.Disposed, ending);
                await server.DisposeAsync();
                break;
        }
        return new Ended(server);
    }

    private static async Task WaitForStateAsync(WebSocketConnection connection, WebSocketConnectionState state)
    {
        using var guard = new CancellationTokenSource(s_hangGuard);
        while (connection.State != state)
        {
            await Task.Delay(1, guard.Token);
        }
    }

    private sealed class Ended(WebSocketConnection server) : IAsyncDisposable
    {
        public WebSocketConnection Server => server;

        public ValueTask DisposeAsync() => server.DisposeAsync();
    }
}
