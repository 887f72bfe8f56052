using System.Net.WebSockets;
using MaoOcr.Benchmarks.TransportEcho;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MaoOcr.EdgeServer.Tests.WebSockets.Interop;

/// <summary>
/// The transport benchmark's echo server, both implementations, spoken to by System.Net's ClientWebSocket: the
/// benchmark and any conformance suite pointed at it compare two servers that really echo, with and without deflate.
/// </summary>
public sealed class TransportEchoSmokeTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("ours", false, false)]
    [InlineData("ours", true, false)]
    [InlineData("aspnet", false, false)]
    [InlineData("aspnet", true, false)]
    [InlineData("ours", true, true)]
    [InlineData("aspnet", true, true)]
    public async Task Echo_server_returns_each_message_as_sent(string impl, bool deflate, bool inlineScheduling)
    {
        EchoImplementation implementation = impl == "ours" ? EchoImplementation.Ours : EchoImplementation.AspNet;
        var options = new EchoOptions(implementation, Port: 0, Deflate: true, CompressionThreshold: null, TraceAllocations: false, inlineScheduling);
        WebApplication app = EchoServer.Build(options, allocations: null);
        await using (app)
        {
            await app.StartAsync().WaitAsync(s_timeout);
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var client = new ClientWebSocket();
            client.Options.CollectHttpResponseDetails = true;
            if (deflate)
            {
                client.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
            }
            await client.ConnectAsync(new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + EchoOptions.EchoPath), CancellationToken.None).WaitAsync(s_timeout);
            bool negotiated = client.HttpResponseHeaders!.TryGetValue("Sec-WebSocket-Extensions", out IEnumerable<string>? extensions)
                && string.Join(",", extensions).Contains("permessage-deflate", StringComparison.Ordinal);
            Assert.Equal(deflate, negotiated);

            // A short text, and a binary message over one 64 KiB frame (ours sends it as two frames).
            byte[] text = "hello from the smoke test"u8.ToArray();
            byte[] binary = new byte[70_000];
            new Random(6455).NextBytes(binary);
            foreach ((byte[] message, WebSocketMessageType type) in new[] { (text, WebSocketMessageType.Text), (binary, WebSocketMessageType.Binary) })
            {
                await client.SendAsync(message, type, endOfMessage: true, CancellationToken.None).WaitAsync(s_timeout);
                (byte[] echo, WebSocketMessageType echoType) = await ReceiveMessageAsync(client);
                Assert.Equal(type, echoType);
                Assert.Equal(message, echo);
            }
            await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(s_timeout);
            Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
            await app.StopAsync().WaitAsync(s_timeout);
        }
    }

    private static async Task<(byte[] Message, WebSocketMessageType Type)> ReceiveMessageAsync(ClientWebSocket client)
    {
        using var message = new MemoryStream();
        byte[] buffer = new byte[16 * 1024];
        while (true)
        {
            WebSocketReceiveResult result = await client.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(s_timeout);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (message.ToArray(), result.MessageType);
            }
        }
    }
}
