using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MaoOcr.Client.Tests.Support;

/// <summary>
/// A WebSocket server that accepts connections on /ws/ocr and reads what it is sent but never answers: the one thing
/// the real appliance cannot be made to do, a dead peer behind a live TCP connection (the case the heartbeat exists for).
/// </summary>
public sealed class SilentServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _connections;
    private int _pings;

    private SilentServer(WebApplication app) => _app = app;

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Protocol pings received (text messages of type "ping"), over all connections.</summary>
    public int Pings => Volatile.Read(ref _pings);

    public Uri Address { get; private set; } = null!;

    public static async Task<SilentServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        var server = new SilentServer(app);
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
                if (result.MessageType == WebSocketMessageType.Text && Encoding.UTF8.GetString(buffer, 0, result.Count).Contains("\"ping\"", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _pings);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client aborted: what a dead-connection test expects.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
