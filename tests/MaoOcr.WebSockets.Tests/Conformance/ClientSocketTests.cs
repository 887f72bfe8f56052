using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace MaoOcr.WebSockets.Tests.Conformance;

/// <summary>
/// Our client against the Kestrel echo server (our server role on the fast path) over a real loopback socket: the
/// client's own upgrade request and 101 check (<see cref="WebSocketClientHandshake"/>), then messages of every size, one
/// and many frames, with and without permessage-deflate as each offer agrees it, and the close started by the client.
/// </summary>
public sealed class ClientSocketTests : IClassFixture<EchoServerFixture>
{
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(60);

    private static readonly int[] s_sizes = [0, 1, 125, 126, 4096, 65_535, 65_536, 65_537, 300_000, 2 * 1024 * 1024];

    private readonly EchoServer _server;

    public ClientSocketTests(EchoServerFixture fixture) => _server = fixture.Server;

    public static TheoryData<string, bool, bool, int, int> Offers() => new()
    {
        // Options' name, then what the client offers: server_no_context_takeover, client_no_context_takeover, server and client window bits.
        { "no deflate", false, false, 0, 0 },
        { "defaults", false, false, 15, 15 },
        { "server resets", true, false, 15, 15 },
        { "client resets", false, true, 15, 15 },
        { "both reset", true, true, 15, 15 },
        { "small windows", false, false, 9, 10 },
        { "everything", true, true, 10, 9 },
    };

    [Theory]
    [MemberData(nameof(Offers))]
    public async Task Echo_OfEverySize_ThenClientCloses(string name, bool serverNoContextTakeover, bool clientNoContextTakeover, int serverWindowBits, int clientWindowBits)
    {
        DeflateOptions? deflate = serverWindowBits == 0 ? null : new DeflateOptions
        {
            ServerNoContextTakeover = serverNoContextTakeover,
            ClientNoContextTakeover = clientNoContextTakeover,
            ServerMaxWindowBits = serverWindowBits,
            ClientMaxWindowBits = clientWindowBits,
            CompressionThreshold = 0,
        };
        await using SocketTransport socket = await SocketTransport.ConnectAsync(_server.Port);
        await using WebSocketConnection client = await WebSocketClientHandshake.ConnectAsync(
            socket, $"127.0.0.1:{_server.Port}", EchoServer.Path, new WebSocketLimits { MaxMessageBytes = 4 * 1024 * 1024 }, deflate,
            cancellationToken: socket.Timeout);

        Assert.Equal(WebSocketRole.Client, client.Role);
        if (deflate is null)
        {
            Assert.Null(client.Deflate);
        }
        else
        {
            // The echo server takes every valid offer and answers each parameter (RFC 7692 §7.1).
            DeflateParameters agreed = Assert.NotNull(client.Deflate);
            Assert.Equal(serverNoContextTakeover, agreed.ServerNoContextTakeover);
            Assert.Equal(clientNoContextTakeover, agreed.ClientNoContextTakeover);
            Assert.Equal(serverWindowBits, agreed.ServerMaxWindowBits);
            Assert.Equal(clientWindowBits, agreed.ClientMaxWindowBits);
        }

        var random = new Random(name.Length);
        foreach (int size in s_sizes)
        {
            bool text = size % 2 == 0;
            byte[] payload = ConformancePayloads.For(text, size, random);
            WebSocketOpcode opcode = text ? WebSocketOpcode.Text : WebSocketOpcode.Binary;
            await client.SendAsync(opcode, payload, socket.Timeout);
            WebSocketMessage? echoed = await client.ReceiveAsync(socket.Timeout);
            Assert.NotNull(echoed);
            Assert.Equal(opcode, echoed.Value.Opcode);
            Assert.True(echoed.Value.Payload.Span.SequenceEqual(payload), $"The {size}-byte message came back changed.");
        }

        await client.CloseAsync(CloseStatusCodes.NormalClosure, "done", socket.Timeout);
        Assert.Equal(WebSocketConnectionState.Closed, client.State);
        Assert.Equal(CloseStatusCodes.NormalClosure, client.CloseStatus);
    }

    [Fact]
    public async Task ManySendersOnOneClient_AllEchoed()
    {
        await using SocketTransport socket = await SocketTransport.ConnectAsync(_server.Port);
        await using WebSocketConnection client = await WebSocketClientHandshake.ConnectAsync(
            socket, $"127.0.0.1:{_server.Port}", EchoServer.Path, new WebSocketLimits(), new DeflateOptions(), cancellationToken: socket.Timeout);

        // Messages from several tasks at once, each masked under the write lock: the server must see every one intact.
        const int Senders = 4, PerSender = 25;
        Task[] sends = [.. Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            for (int i = 0; i < PerSender; i++)
            {
                byte[] payload = new byte[100 + (i * 997 % 70_000)];
                payload.AsSpan().Fill((byte)s);
                await client.SendAsync(WebSocketOpcode.Binary, payload, socket.Timeout);
            }
        }))];
        int[] seen = new int[Senders];
        for (int n = 0; n < Senders * PerSender; n++)
        {
            WebSocketMessage message = (await client.ReceiveAsync(socket.Timeout))!.Value;
            byte sender = message.Payload.Span[0];
            Assert.True(message.Payload.Span.IndexOfAnyExcept(sender) < 0, "A message came back mixed with another.");
            Assert.Equal(100 + (seen[sender]++ * 997 % 70_000), message.Payload.Length);
        }
        await Task.WhenAll(sends);
        await client.CloseAsync(CloseStatusCodes.NormalClosure, "", socket.Timeout);
        Assert.Equal(WebSocketConnectionState.Closed, client.State);
    }

    [Fact]
    public async Task UpgradeToAnotherPath_IsRefusedWithTheServersStatus()
    {
        await using SocketTransport socket = await SocketTransport.ConnectAsync(_server.Port);
        WebSocketHandshakeException refused = await Assert.ThrowsAsync<WebSocketHandshakeException>(async () =>
            await WebSocketClientHandshake.ConnectAsync(socket, $"127.0.0.1:{_server.Port}", "/not-the-echo", new WebSocketLimits(), null, cancellationToken: socket.Timeout));
        Assert.Equal(404, refused.StatusCode);
    }

    /// <summary>A loopback TCP connection as the pipes a client connection runs on.</summary>
    private sealed class SocketTransport : IDuplexPipe, IAsyncDisposable
    {
        private readonly Socket _socket;
        private readonly NetworkStream _stream;
        private readonly CancellationTokenSource _timeout = new(s_hangGuard);

        private SocketTransport(Socket socket)
        {
            _socket = socket;
            _stream = new NetworkStream(socket, ownsSocket: true);
            Input = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
            Output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
        }

        public PipeReader Input { get; }

        public PipeWriter Output { get; }

        /// <summary>Ends any wait that a silent server would make last for ever.</summary>
        public CancellationToken Timeout => _timeout.Token;

        public static async Task<SocketTransport> ConnectAsync(int port)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            return new SocketTransport(socket);
        }

        public async ValueTask DisposeAsync()
        {
            _socket.Close();
            await _stream.DisposeAsync();
            _timeout.Dispose();
        }
    }
}
