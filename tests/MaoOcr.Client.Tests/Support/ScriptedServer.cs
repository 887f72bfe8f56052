using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MaoOcr.Client.Tests.Support;

/// <summary>
/// A WebSocket server that answers each binary request with the messages a test scripts for it: what the real
/// appliance never sends (a broken binary answer) on a connection the SDK must keep, or what it sends only on cue (a
/// refusal while stopping). A scripted <see cref="WebSocketMessageType.Close"/> closes the connection with 1001, its
/// bytes the reason.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<int, string, IEnumerable<(WebSocketMessageType Type, byte[] Bytes)>> _answers;
    private readonly ConcurrentQueue<(int Connection, string Id)> _received = new();
    private int _connections;

    private ScriptedServer(WebApplication app, Func<int, string, IEnumerable<(WebSocketMessageType, byte[])>> answers)
    {
        _app = app;
        _answers = answers;
    }

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Every request received, in order: the connection it came on (1-based) and its id.</summary>
    public IReadOnlyList<(int Connection, string Id)> Received => [.. _received];

    public Uri Address { get; private set; } = null!;

    /// <param name="answers">The messages to send for a request, given the request's id.</param>
    public static Task<ScriptedServer> StartAsync(Func<string, IEnumerable<(WebSocketMessageType Type, byte[] Bytes)>> answers) =>
        StartAsync((_, id) => answers(id));

    /// <param name="answers">The messages to send for a request, given the connection it came on (1-based) and its id.</param>
    public static async Task<ScriptedServer> StartAsync(Func<int, string, IEnumerable<(WebSocketMessageType Type, byte[] Bytes)>> answers)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        var server = new ScriptedServer(app, answers);
        app.UseWebSockets();
        app.Run(server.AcceptAsync);
        await app.StartAsync();
        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(url.Replace("http://", "ws://", StringComparison.Ordinal));
        return server;
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }
        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
        int connection = Interlocked.Increment(ref _connections);
        var message = new MemoryStream();
        byte[] buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    byte[] request = message.ToArray();
                    int envelopeLength = (int)BinaryPrimitives.ReadUInt32BigEndian(request);
                    using JsonDocument envelope = JsonDocument.Parse(request.AsMemory(4, envelopeLength));
                    string id = envelope.RootElement.GetProperty("id").GetString()!;
                    _received.Enqueue((connection, id));
                    foreach ((WebSocketMessageType type, byte[] bytes) in _answers(connection, id))
                    {
                        if (type == WebSocketMessageType.Close)
                        {
                            // As a stopping appliance does: nothing more goes out, and the client's close ends the loop.
                            await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, Encoding.UTF8.GetString(bytes), context.RequestAborted);
                            break;
                        }
                        await socket.SendAsync(bytes, type, endOfMessage: true, context.RequestAborted);
                    }
                }
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
