using System.IO.Pipelines;
using System.Text;

namespace MaoOcr.WebSockets.Tests;

/// <summary>
/// Our client connection and our server connection over in-memory pipes, each end the other's only peer. Every case runs
/// in both roles, as YARP's parser tests do: a sealed subclass makes the client the local end, the other the server. The
/// local end sends and receives the remote end's echo; either end closes. With permessage-deflate both ends take the same
/// agreed parameters, so a side that compressed by the other side's rule (kept context it promised to drop) fails to
/// inflate on the far end.
/// </summary>
public abstract class ConnectionPairTests
{
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private protected abstract WebSocketRole LocalRole { get; }

    public static TheoryData<int> Sizes() =>
    [
        0, 1, 125, 126, 65_535,
        WebSocketConnection.SendFrameBytes,
        // More than one frame: the message goes out fragmented and is reassembled.
        WebSocketConnection.SendFrameBytes + 1, 300_000, 1024 * 1024,
    ];

    public static TheoryData<bool, bool, int, int> DeflateParameterSets()
    {
        var data = new TheoryData<bool, bool, int, int>();
        foreach (bool serverNoContextTakeover in new[] { false, true })
        {
            foreach (bool clientNoContextTakeover in new[] { false, true })
            {
                data.Add(serverNoContextTakeover, clientNoContextTakeover, 15, 15);
            }
        }
        data.Add(false, false, 9, 12);
        data.Add(true, false, 12, 9);
        data.Add(false, true, 8, 8);
        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Binary_IsEchoed(int length)
    {
        await using Pair pair = Pair.Create(LocalRole, null);
        byte[] payload = new byte[length];
        new Random(length).NextBytes(payload);

        await pair.AssertEchoedAsync(WebSocketOpcode.Binary, payload);
        await pair.AssertEchoedAsync(WebSocketOpcode.Binary, payload);
        await pair.CloseFromLocalAsync(CloseStatusCodes.NormalClosure);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Text_IsEchoed(int length)
    {
        await using Pair pair = Pair.Create(LocalRole, null);
        await pair.AssertEchoedAsync(WebSocketOpcode.Text, Text(length, seed: length));
        await pair.CloseFromLocalAsync(CloseStatusCodes.NormalClosure);
    }

    [Theory]
    [MemberData(nameof(DeflateParameterSets))]
    public async Task Deflate_BothWays_WithAndWithoutContextTakeover(bool serverNoContextTakeover, bool clientNoContextTakeover, int serverWindowBits, int clientWindowBits)
    {
        var agreed = new DeflateParameters(serverNoContextTakeover, clientNoContextTakeover, serverWindowBits, clientWindowBits, false, false);
        await using Pair pair = Pair.Create(LocalRole, agreed);
        Assert.Equal(agreed, pair.Local.Deflate);
        Assert.Equal(agreed, pair.Remote.Deflate);

        // The same text again and again: with context takeover each message refers back into the one before, so an end
        // that kept context it promised to drop, or dropped context its peer kept, breaks the next message.
        byte[] text = Text(20_000, seed: 3);
        for (int i = 0; i < 4; i++)
        {
            await pair.AssertEchoedAsync(WebSocketOpcode.Text, text);
        }
        // Under the compression threshold (sent as is, RSV1 clear), then a message of several compressed frames.
        await pair.AssertEchoedAsync(WebSocketOpcode.Binary, [1, 2, 3]);
        await pair.AssertEchoedAsync(WebSocketOpcode.Binary, Text(3 * WebSocketConnection.SendFrameBytes, seed: 4));
        await pair.AssertEchoedAsync(WebSocketOpcode.Text, text);
        await pair.CloseFromLocalAsync(CloseStatusCodes.NormalClosure);
    }

    [Fact]
    public async Task CloseFromTheLocalEnd_BothEndsEndClosed()
    {
        await using Pair pair = Pair.Create(LocalRole, null);
        await pair.AssertEchoedAsync(WebSocketOpcode.Text, "before"u8.ToArray());
        await pair.CloseFromLocalAsync(4001);
    }

    [Fact]
    public async Task CloseFromTheRemoteEnd_BothEndsEndClosed()
    {
        await using Pair pair = Pair.Create(LocalRole, null);
        Task<WebSocketMessage?> receive = pair.Local.ReceiveAsync(CancellationToken.None).AsTask();

        await pair.Remote.CloseAsync(CloseStatusCodes.GoingAway, "leaving", CancellationToken.None).AsTask().WaitAsync(s_hangGuard);

        Assert.Null(await receive.WaitAsync(s_hangGuard));
        Assert.Equal(WebSocketConnectionState.Closed, pair.Local.State);
        Assert.Equal(WebSocketConnectionState.Closed, pair.Remote.State);
        Assert.Equal(CloseStatusCodes.GoingAway, pair.Local.CloseStatus);
        Assert.Equal("leaving", pair.Local.CloseReason);
        Assert.Equal(CloseStatusCodes.GoingAway, pair.Remote.CloseStatus);
    }

    [Fact]
    public async Task DisposingOneEnd_TheOtherSeesTheTransportEnd_1006()
    {
        await using Pair pair = Pair.Create(LocalRole, null);
        Task<WebSocketMessage?> receive = pair.Local.ReceiveAsync(CancellationToken.None).AsTask();

        await pair.Remote.DisposeAsync();

        Assert.Null(await receive.WaitAsync(s_hangGuard));
        Assert.Equal(WebSocketConnectionState.Aborted, pair.Local.State);
        Assert.Equal(CloseStatusCodes.AbnormalClosure, pair.Local.CloseStatus);
    }

    /// <summary>Text of exactly <paramref name="length"/> UTF-8 bytes, repetitive enough to compress, with 2- and 3-byte characters.</summary>
    private static byte[] Text(int length, int seed)
    {
        string[] words = ["détecter ", "文字 ", "recognize ", "box ", "angle ", "score ", "line "];
        var random = new Random(seed);
        var text = new StringBuilder();
        int bytes = 0;
        while (true)
        {
            string word = words[random.Next(words.Length)];
            int size = Encoding.UTF8.GetByteCount(word);
            if (bytes + size > length)
            {
                text.Append('.', length - bytes);
                return Encoding.UTF8.GetBytes(text.ToString());
            }
            text.Append(word);
            bytes += size;
        }
    }

    /// <summary>A client and a server connection joined by two pipes; the remote end runs the echo.</summary>
    private sealed class Pair : IAsyncDisposable
    {
        private readonly Task _echo;

        private Pair(WebSocketConnection local, WebSocketConnection remote)
        {
            Local = local;
            Remote = remote;
            _echo = WebSocketEcho.RunAsync(remote);
        }

        public WebSocketConnection Local { get; }

        public WebSocketConnection Remote { get; }

        public static Pair Create(WebSocketRole localRole, DeflateParameters? deflate)
        {
            var options = new PipeOptions(useSynchronizationContext: false);
            var toServer = new Pipe(options);
            var toClient = new Pipe(options);
            WebSocketLimits limits = UntimedLimits.Create();
            var deflateOptions = new DeflateOptions { CompressionThreshold = 16 };
            WebSocketConnection client = WebSocketConnection.CreateClient(new PipeLink.Transport(toClient.Reader, toServer.Writer), limits, deflate, deflateOptions);
            WebSocketConnection server = WebSocketConnection.CreateServer(new PipeLink.Transport(toServer.Reader, toClient.Writer), limits, deflate, deflateOptions);
            Assert.Equal(WebSocketRole.Client, client.Role);
            Assert.Equal(WebSocketRole.Server, server.Role);
            return localRole == WebSocketRole.Client ? new Pair(client, server) : new Pair(server, client);
        }

        public async Task AssertEchoedAsync(WebSocketOpcode opcode, byte[] payload)
        {
            byte[] sent = payload.ToArray();
            await Local.SendAsync(opcode, payload, CancellationToken.None).AsTask().WaitAsync(s_hangGuard);
            // The client masks its copy in the pipe, never the caller's buffer.
            Assert.Equal(sent, payload);
            WebSocketMessage? echoed = await Local.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(s_hangGuard);
            Assert.NotNull(echoed);
            Assert.Equal(opcode, echoed.Value.Opcode);
            Assert.True(echoed.Value.Payload.Span.SequenceEqual(payload), $"The {payload.Length}-byte message came back changed.");
        }

        /// <summary>Closes from the local end while the remote echo reads; both end Closed with the local end's status.</summary>
        public async Task CloseFromLocalAsync(ushort status)
        {
            await Local.CloseAsync(status, "done", CancellationToken.None).AsTask().WaitAsync(s_hangGuard);
            await _echo.WaitAsync(s_hangGuard);
            Assert.Equal(WebSocketConnectionState.Closed, Local.State);
            Assert.Equal(WebSocketConnectionState.Closed, Remote.State);
            Assert.Equal(status, Local.CloseStatus);
            Assert.Equal(status, Remote.CloseStatus);
            Assert.Equal("done", Remote.CloseReason);
        }

        public async ValueTask DisposeAsync()
        {
            await Local.DisposeAsync();
            await Remote.DisposeAsync();
            await _echo.WaitAsync(s_hangGuard);
        }
    }
}

/// <summary>The pair with our client as the local end: it sends masked, the server echoes unmasked.</summary>
public sealed class ClientToServerTests : ConnectionPairTests
{
    private protected override WebSocketRole LocalRole => WebSocketRole.Client;
}

/// <summary>The pair with our server as the local end: it sends unmasked, our client echoes masked.</summary>
public sealed class ServerToClientTests : ConnectionPairTests
{
    private protected override WebSocketRole LocalRole => WebSocketRole.Server;
}
