using System.Buffers.Binary;
using System.Net;
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
/// appliance never sends (a broken binary answer) on a connection the SDK must keep.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<string, IEnumerable<(WebSocketMessageType Type, byte[] Bytes)>> _answers;
    private int _connections;

    private ScriptedServer(WebApplication app, Func<string, IEnumerable<(WebSocketMessageType, byte[])>> answers)
    {
        _app = app;
        _answers = answers;
    }

    public int Connections => Volatile.Read(ref _connections);

    public Uri Address { get; private set; } = null!;

    /// <param name="answers">The messages to send for a request, given the request's id.</param>
    public static async Task<ScriptedServer> StartAsync(Func<string, IEnumerable<(WebSocketMessageType Type, byte[] Bytes)>> answers)
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
        Interlocked.Increment(ref _connections);
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
                    foreach ((WebSocketMessageType type, byte[] bytes) in _answers(id))
                    {
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
