using System.Net;
using MaoOcr.WebSockets.Kestrel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MaoOcr.WebSockets.Tests.Conformance;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a free port whose connections run our WebSocket layer (the fast path,
/// <see cref="WebSocketListenOptionsExtensions.UseWebSocketConnections"/>) with the echo handler: what the socket-level
/// conformance and interop tests talk to.
/// </summary>
internal sealed class EchoServer : IAsyncDisposable
{
    /// <summary>The path the echo answers on; any other path is handed to HTTP, which answers 404.</summary>
    public const string Path = "/echo";

    private readonly WebApplication _app;

    private EchoServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The WebSocket address of the echo, <c>ws://127.0.0.1:port/echo</c>.</summary>
    public Uri Address => new($"ws://127.0.0.1:{Port}{Path}");

    /// <summary>Starts a server; <paramref name="configure"/> adjusts the handshake options (deflate, origins) before it listens.</summary>
    public static async Task<EchoServer> StartAsync(WebSocketLimits? limits = null, Action<HandshakeOptions>? configure = null)
    {
        var handshake = new HandshakeOptions { Path = Path };
        configure?.Invoke(handshake);
        limits ??= new WebSocketLimits();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
            listen.UseWebSocketConnections(handshake, limits, (socket, connection) => WebSocketEcho.RunAsync(socket, connection.ConnectionClosed))));
        WebApplication app = builder.Build();
        await app.StartAsync();
        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EchoServer(app, new Uri(url).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One echo server with the default limits and deflate enabled, shared by a test class.</summary>
public sealed class EchoServerFixture : IAsyncLifetime
{
    internal EchoServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await EchoServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
