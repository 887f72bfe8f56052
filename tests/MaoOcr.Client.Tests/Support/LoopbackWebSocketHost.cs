using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MaoOcr.Client.Tests.Support;

/// <summary>
/// A slim Kestrel on a free loopback port that accepts WebSockets and hands each one, with its number (1-based, in
/// the order accepted), to the test server's own loop: the hosting every stand-in appliance of these tests shares,
/// each behaving in the way the real appliance cannot be made to. A client that goes away ends its loop quietly.
/// </summary>
public sealed class LoopbackWebSocketHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<WebSocket, int, CancellationToken, Task> _serve;
    private int _connections;

    private LoopbackWebSocketHost(WebApplication app, Func<WebSocket, int, CancellationToken, Task> serve)
    {
        _app = app;
        _serve = serve;
    }

    /// <summary>The ws:// address; any path reaches the server.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>WebSockets accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <param name="serve">Runs one connection: the socket, its number, and a token cancelled when the client goes away.</param>
    public static async Task<LoopbackWebSocketHost> StartAsync(Func<WebSocket, int, CancellationToken, Task> serve)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        var host = new LoopbackWebSocketHost(app, serve);
        app.UseWebSockets();
        app.Run(host.AcceptAsync);
        await app.StartAsync();
        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.Address = new Uri(url.Replace("http://", "ws://", StringComparison.Ordinal));
        return host;
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
        try
        {
            await _serve(socket, connection, context.RequestAborted);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away (aborted, took the connection for dead, or disconnected).
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
