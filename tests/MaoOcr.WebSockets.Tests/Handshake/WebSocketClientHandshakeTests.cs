using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace MaoOcr.WebSockets.Tests.Handshake;

/// <summary>
/// The client's handshake over in-memory pipes: its request is one our server's handshake accepts, with each deflate
/// offer, and both ends then hold the same agreed parameters; every answer RFC 6455 §4.1 or RFC 7692 §7.1 tells a client
/// to fail on throws <see cref="WebSocketHandshakeException"/>; bytes after the 101 belong to the connection; request
/// fields that would break the head are refused before anything is sent.
/// </summary>
public sealed class WebSocketClientHandshakeTests
{
    private const string Path = "/ws/ocr";

    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private static WebSocketLimits Limits() => UntimedLimits.Create();

    public static TheoryData<bool, bool, int, int, bool> DeflateOffers() => new()
    {
        // The client's options (server_no_context_takeover, client_no_context_takeover, server and client window bits), then whether the server accepts deflate at all.
        { false, false, 15, 15, true },
        { true, false, 15, 15, true },
        { false, true, 15, 15, true },
        { true, true, 10, 9, true },
        { false, false, 8, 12, true },
        { false, false, 15, 15, false },
    };

    [Theory]
    [MemberData(nameof(DeflateOffers))]
    public async Task OurServerAccepts_AndBothEndsAgree(bool serverNoContextTakeover, bool clientNoContextTakeover, int serverWindowBits, int clientWindowBits, bool serverDeflate)
    {
        var offer = new DeflateOptions
        {
            ServerNoContextTakeover = serverNoContextTakeover,
            ClientNoContextTakeover = clientNoContextTakeover,
            ServerMaxWindowBits = serverWindowBits,
            ClientMaxWindowBits = clientWindowBits,
            CompressionThreshold = 0,
        };
        var options = new HandshakeOptions { Path = Path };
        options.Deflate.Enabled = serverDeflate;
        var pipes = new Pipes();
        Task<WebSocketConnection> serverSide = AcceptAsync(pipes, options);

        await using WebSocketConnection client = await WebSocketClientHandshake.ConnectAsync(
            pipes.Client, "example.test", Path, Limits(), offer, [new("Origin", "http://example.test")]).AsTask().WaitAsync(s_hangGuard);
        await using WebSocketConnection server = await serverSide.WaitAsync(s_hangGuard);

        Assert.Equal(server.Deflate, client.Deflate);
        Assert.Equal(serverDeflate, client.Deflate.HasValue);
        byte[] text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("recognized text, ", 200)));
        for (int i = 0; i < 3; i++)
        {
            await client.SendAsync(WebSocketOpcode.Text, text, CancellationToken.None);
            Assert.Equal(text, (await server.ReceiveAsync(CancellationToken.None))!.Value.Payload.ToArray());
            await server.SendAsync(WebSocketOpcode.Text, text, CancellationToken.None);
            Assert.Equal(text, (await client.ReceiveAsync(CancellationToken.None))!.Value.Payload.ToArray());
        }
    }

    [Fact]
    public async Task BytesTheServerSentRightAfterThe101_AreTheConnectionsFirstFrame()
    {
        var pipes = new Pipes();
        Task serverSide = RespondAsync(pipes, accept => $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n",
            frame: [0x81, 0x02, (byte)'h', (byte)'i']);

        await using WebSocketConnection client = await WebSocketClientHandshake.ConnectAsync(pipes.Client, "example.test", Path, Limits(), null);
        await serverSide;

        WebSocketMessage? message = await client.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(s_hangGuard);
        Assert.Equal("hi"u8.ToArray(), message!.Value.Payload.ToArray());
        Assert.Null(client.Deflate);
    }

    public static TheoryData<string, string, bool, int?> BadResponses() => new()
    {
        // Why it fails, the response ({accept} is replaced by the right value), whether deflate was offered, the status the exception carries.
        { "refused", "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n", false, 403 },
        { "wrong accept", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n", false, 101 },
        { "two accepts", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Accept: {accept}\r\n\r\n", false, 101 },
        { "no upgrade", "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n", false, 101 },
        { "no connection", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: {accept}\r\n\r\n", false, 101 },
        { "subprotocol", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: chat\r\n\r\n", false, 101 },
        { "deflate not offered", Agreeing("permessage-deflate"), false, 101 },
        { "unknown extension", Agreeing("x-webkit-deflate-frame"), true, 101 },
        { "deflate twice", Agreeing("permessage-deflate, permessage-deflate"), true, 101 },
        { "unknown parameter", Agreeing("permessage-deflate; mystery"), true, 101 },
        { "client window without value", Agreeing("permessage-deflate; client_max_window_bits"), true, 101 },
        { "server window out of range", Agreeing("permessage-deflate; server_max_window_bits=16"), true, 101 },
        { "server window above the offer", Agreeing("permessage-deflate; server_max_window_bits=12"), true, 101 },
        { "flag with a value", Agreeing("permessage-deflate; server_no_context_takeover=1"), true, 101 },
        { "bad status line", "HTTP/1.1 1O1 Switching Protocols\r\n\r\n", false, null },
        { "folded field", "HTTP/1.1 101 Switching Protocols\r\nUpgrade:\r\n websocket\r\n\r\n", false, null },
        { "space before colon", "HTTP/1.1 101 Switching Protocols\r\nUpgrade : websocket\r\n\r\n", false, null },
        { "ends early", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n", false, null },
        { "head too long", "HTTP/1.1 101 Switching Protocols\r\nX-Padding: " + new string('a', WebSocketClientHandshake.MaxResponseHeadBytes) + "\r\n\r\n", false, null },
    };

    [Theory]
    [MemberData(nameof(BadResponses))]
    public async Task AnswerTheClientMustFailOn_ThrowsWebSocketHandshakeException(string why, string response, bool offerDeflate, int? statusCode)
    {
        var pipes = new Pipes();
        // The offer asks the server for window 10, so that an answer of 12 exceeds it.
        DeflateOptions? offer = offerDeflate ? new DeflateOptions { ServerMaxWindowBits = 10 } : null;
        Task serverSide = RespondAsync(pipes, accept => response.Replace("{accept}", accept, StringComparison.Ordinal));

        WebSocketHandshakeException failed = await Assert.ThrowsAsync<WebSocketHandshakeException>(async () =>
            await WebSocketClientHandshake.ConnectAsync(pipes.Client, "example.test", Path, Limits(), offer).AsTask().WaitAsync(s_hangGuard));
        await serverSide;
        Assert.True(statusCode == failed.StatusCode, $"{why}: status {failed.StatusCode}, expected {statusCode} ({failed.Message})");
    }

    [Theory]
    [InlineData("ws/ocr", null, null)]
    [InlineData("/ws ocr", null, null)]
    [InlineData("/ws/ocr", "Origin", "http://a\r\nX-Injected: 1")]
    [InlineData("/ws/ocr", "Bad:Name", "x")]
    [InlineData("/ws/ocr", "", "x")]
    public async Task FieldsThatWouldBreakTheRequest_AreRefusedBeforeAnythingIsSent(string target, string? name, string? value)
    {
        var pipes = new Pipes();
        KeyValuePair<string, string>[] headers = name is null ? [] : [new(name, value!)];

        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await WebSocketClientHandshake.ConnectAsync(pipes.Client, "example.test", target, Limits(), null, headers));
        await pipes.Client.Output.CompleteAsync();
        ReadResult nothing = await pipes.Server.Input.ReadAsync();
        Assert.True(nothing.Buffer.IsEmpty);
    }

    [Theory]
    [InlineData(false, false, 15, 15, "permessage-deflate; client_max_window_bits")]
    [InlineData(true, true, 15, 15, "permessage-deflate; client_max_window_bits; server_no_context_takeover; client_no_context_takeover")]
    [InlineData(false, false, 10, 9, "permessage-deflate; client_max_window_bits=9; server_max_window_bits=10")]
    public void Offer_NamesWhatTheOptionsAskFor(bool serverNoContextTakeover, bool clientNoContextTakeover, int serverWindowBits, int clientWindowBits, string expected)
    {
        var options = new DeflateOptions
        {
            ServerNoContextTakeover = serverNoContextTakeover,
            ClientNoContextTakeover = clientNoContextTakeover,
            ServerMaxWindowBits = serverWindowBits,
            ClientMaxWindowBits = clientWindowBits,
        };
        Assert.Equal(expected, DeflateClientNegotiation.CreateOffer(options));
        Assert.Null(DeflateClientNegotiation.CreateOffer(new DeflateOptions { Enabled = false }));
        Assert.Null(DeflateClientNegotiation.CreateOffer(null));
    }

    [Theory]
    // The response, the client's own client_no_context_takeover and window, then what binds the client.
    [InlineData("permessage-deflate", false, 15, false, 15)]
    [InlineData("permessage-deflate", true, 15, true, 15)]
    [InlineData("permessage-deflate; client_no_context_takeover", false, 15, true, 15)]
    [InlineData("permessage-deflate; client_max_window_bits=12", false, 10, false, 10)]
    [InlineData("permessage-deflate; client_max_window_bits=9", false, 12, false, 9)]
    public void Response_BindsTheClient_WithItsOwnChoicesFoldedIn(string response, bool ownNoContextTakeover, int ownWindowBits, bool clientNoContextTakeover, int clientWindowBits)
    {
        var offered = new DeflateOptions { ClientNoContextTakeover = ownNoContextTakeover, ClientMaxWindowBits = ownWindowBits };
        Assert.Null(DeflateClientNegotiation.ReadResponse(response, offered, out DeflateParameters? agreed));
        Assert.Equal(clientNoContextTakeover, agreed!.Value.ClientNoContextTakeover);
        Assert.Equal(clientWindowBits, agreed.Value.ClientMaxWindowBits);
        Assert.Equal(15, agreed.Value.ServerMaxWindowBits);
        Assert.False(agreed.Value.ServerNoContextTakeover);
    }

    private static string Agreeing(string extensions) =>
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Extensions: " + extensions + "\r\n\r\n";

    /// <summary>Our server's side of the handshake, as the Kestrel middleware does it, then its end of the connection.</summary>
    private static async Task<WebSocketConnection> AcceptAsync(Pipes pipes, HandshakeOptions options)
    {
        RequestHead head = await ReadRequestAsync(pipes.Server.Input);
        HandshakeResult result = WebSocketHandshake.Evaluate(head, options);
        Assert.Equal(HandshakeOutcome.Accept, result.Outcome);
        HandshakeResponseWriter.Write(pipes.Server.Output, result);
        await pipes.Server.Output.FlushAsync();
        DeflateParameters? deflate = result.Deflate.IsAccepted ? result.Deflate.Parameters : null;
        return WebSocketConnection.CreateServer(pipes.Server, Limits(), deflate, options.Deflate);
    }

    /// <summary>Reads the client's request and writes <paramref name="response"/> for its key, then <paramref name="frame"/>, in one flush.</summary>
    private static async Task RespondAsync(Pipes pipes, Func<string, string> response, byte[]? frame = null)
    {
        RequestHead head = await ReadRequestAsync(pipes.Server.Input);
        string accept = WebSocketHandshake.ComputeAccept(head.GetFirst("Sec-WebSocket-Key")!);
        pipes.Server.Output.Write(Encoding.Latin1.GetBytes(response(accept)));
        pipes.Server.Output.Write(frame ?? []);
        await pipes.Server.Output.FlushAsync();
        await pipes.Server.Output.CompleteAsync();
    }

    private static async Task<RequestHead> ReadRequestAsync(PipeReader input)
    {
        while (true)
        {
            ReadResult read = await input.ReadAsync().AsTask().WaitAsync(s_hangGuard);
            RequestHeadParseStatus status = RequestHeadParser.TryParse(read.Buffer, new RequestHeadLimits(), out SequencePosition consumed, out RequestHead? head, out RequestHeadError error);
            Assert.NotEqual(RequestHeadParseStatus.Invalid, status);
            if (status == RequestHeadParseStatus.Complete)
            {
                input.AdvanceTo(consumed);
                Assert.Equal("GET", head!.Method);
                Assert.Equal(Path, head.Target);
                Assert.Equal("example.test", head.GetFirst("Host"));
                Assert.Equal("13", head.GetFirst("Sec-WebSocket-Version"));
                return head;
            }
            Assert.False(read.IsCompleted, $"The request ended early ({error}).");
            input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    /// <summary>Two pipes: the client's transport and the fake server's.</summary>
    private sealed class Pipes
    {
        public Pipes()
        {
            var options = new PipeOptions(useSynchronizationContext: false);
            var toServer = new Pipe(options);
            var toClient = new Pipe(options);
            Client = new PipeLink.Transport(toClient.Reader, toServer.Writer);
            Server = new PipeLink.Transport(toServer.Reader, toClient.Writer);
        }

        public PipeLink.Transport Client { get; }

        public PipeLink.Transport Server { get; }
    }
}
