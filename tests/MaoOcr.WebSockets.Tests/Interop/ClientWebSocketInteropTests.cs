using System.Net.WebSockets;
using MaoOcr.WebSockets.Tests.Conformance;

namespace MaoOcr.WebSockets.Tests.Interop;

/// <summary>
/// .NET's own <see cref="ClientWebSocket"/> against our layer on loopback, without deflate and with
/// <see cref="ClientWebSocketOptions.DangerousDeflateOptions"/> at several windows and context-takeover settings
/// (.NET offers windows 9..15): the agreed parameters are checked, and text and binary of several sizes echo intact.
/// </summary>
public sealed class ClientWebSocketInteropTests : IClassFixture<EchoServerFixture>
{
    private static readonly int[] s_sizes = [0, 1, 125, 126, 4096, 65_535, 65_536, 300_000, 2 * 1024 * 1024];
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private readonly EchoServer _server;

    public ClientWebSocketInteropTests(EchoServerFixture fixture) => _server = fixture.Server;

    [Theory]
    [InlineData(false, 15, 15, true, true)]
    [InlineData(true, 15, 15, true, true)]
    [InlineData(true, 9, 9, true, true)]
    [InlineData(true, 12, 10, false, true)]
    [InlineData(true, 15, 9, true, false)]
    [InlineData(true, 9, 15, false, false)]
    [InlineData(true, 11, 13, false, false)]
    public async Task ClientWebSocket_EchoesTextAndBinary(bool deflate, int clientBits, int serverBits, bool clientTakeover, bool serverTakeover)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (deflate)
        {
            socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions
            {
                ClientMaxWindowBits = clientBits,
                ServerMaxWindowBits = serverBits,
                ClientContextTakeover = clientTakeover,
                ServerContextTakeover = serverTakeover,
            };
        }
        using var timeout = new CancellationTokenSource(s_timeout);
        await socket.ConnectAsync(_server.Address, timeout.Token);

        string? extensions = socket.HttpResponseHeaders!.TryGetValue("Sec-WebSocket-Extensions", out IEnumerable<string>? values) ? string.Join(",", values) : null;
        if (!deflate)
        {
            Assert.Null(extensions);
        }
        else
        {
            Assert.NotNull(extensions);
            string[] parameters = [.. extensions.Split(';').Select(p => p.Trim())];
            Assert.Equal("permessage-deflate", parameters[0]);
            Assert.Equal(!serverTakeover, parameters.Contains("server_no_context_takeover"));
            Assert.Equal(!clientTakeover, parameters.Contains("client_no_context_takeover"));
            if (serverBits < 15)
            {
                Assert.Contains($"server_max_window_bits={serverBits}", parameters);
            }
        }

        var random = new Random(clientBits * 100 + serverBits);
        foreach (int size in s_sizes)
        {
            foreach (bool text in new[] { true, false })
            {
                byte[] payload = ConformancePayloads.For(text, size, random);
                WebSocketMessageType type = text ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
                await socket.SendAsync(payload, type, endOfMessage: true, timeout.Token);
                (WebSocketMessageType echoedType, byte[] echoed) = await ReceiveMessageAsync(socket, timeout.Token);
                Assert.Equal(type, echoedType);
                Assert.Equal(payload, echoed);
            }
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        Assert.Equal(WebSocketState.Closed, socket.State);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    private static async Task<(WebSocketMessageType Type, byte[] Payload)> ReceiveMessageAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var message = new MemoryStream();
        byte[] buffer = new byte[64 * 1024];
        while (true)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, cancellationToken);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, message.ToArray());
            }
        }
    }
}
