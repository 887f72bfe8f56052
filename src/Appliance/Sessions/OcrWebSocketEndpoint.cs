using MaoOcr.Appliance.Configuration;
using MaoOcr.Appliance.Core;
using MaoOcr.Appliance.Diagnostics;
using MaoOcr.Appliance.Protocol;
using MaoOcr.WebSockets;
using MaoOcr.WebSockets.Compression;
using MaoOcr.WebSockets.Handshake;
using MaoOcr.WebSockets.Kestrel;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace MaoOcr.Appliance.Sessions;

/// <summary>
/// /ws/ocr: the handshake options and limits derived from the settings, and an <see cref="OcrSession"/> per connection,
/// whether the handshake came on a fresh connection (the connection middleware) or later on a keep-alive one (<see cref="FallbackAsync"/>).
/// </summary>
internal sealed class OcrWebSocketEndpoint
{
    private readonly IServiceProvider _services;

    public OcrWebSocketEndpoint(IServiceProvider services, IOptions<ServerSettings> serverOptions, IOptions<ProtocolLimits> protocolOptions)
    {
        _services = services;
        ServerSettings server = serverOptions.Value;
        ProtocolLimits protocol = protocolOptions.Value;
        Handshake = new HandshakeOptions { Path = HandshakeOptions.DefaultPath, ApiToken = server.ApiToken, Deflate = new DeflateOptions() };
        foreach (string origin in server.AllowedOrigins)
        {
            Handshake.AllowedOrigins.Add(origin);
        }
        foreach (System.Net.IPNetwork network in TrustedProxyNetworks.Parse(server.TrustedProxies))
        {
            Handshake.TrustedProxies.Add(network);
        }
        // One message carries one base64 image plus its envelope (docs/design/websocket-layer.md, "Limits must agree").
        Limits = new WebSocketLimits { MaxMessageBytes = ((long)protocol.MaxImageBytes * 4 / 3) + protocol.MaxEnvelopeBytes + 4 };
    }

    public HandshakeOptions Handshake { get; }

    public WebSocketLimits Limits { get; }

    /// <summary>The HTTP route for /ws/ocr: a handshake that reached Kestrel's HTTP is upgraded there and runs the same session.</summary>
    /// <remarks>
    /// With trusted proxies the host runs ASP.NET Core's ForwardedHeaders middleware first (ApplianceHost), which has
    /// already made Host and the remote address the browser's: the fallback reads no forwarded field again. Without
    /// them no peer is trusted, so there is nothing to read either way.
    /// </remarks>
    public Task FallbackAsync(HttpContext context) =>
        WebSocketUpgradeFallback.HandleAsync(context, Handshake, Limits, RunAsync, Handshake.TrustedProxies.Count > 0 ? null : context.Connection.RemoteIpAddress);

    /// <summary>Runs the MaoOCR protocol on one accepted connection until it closes or the appliance stops (1001).</summary>
    public Task RunAsync(WebSocketConnection socket, ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var session = new OcrSession(
            socket,
            connection.ConnectionId,
            _services.GetRequiredService<OcrService>(),
            new ClientMessageParser(_services.GetRequiredService<IOptions<ProtocolLimits>>().Value),
            _services.GetRequiredService<IOptions<WorkQueueLimits>>().Value.MaxQueuedPerConnection,
            _services.GetRequiredService<ServerMetrics>(),
            _services.GetRequiredService<ILogger<OcrSession>>());
        // The browser's address behind a trusted balancer (X-Forwarded-For), the peer's otherwise: the line an operator
        // greps for when one client misbehaves.
        _services.GetRequiredService<ILogger<OcrWebSocketEndpoint>>().LogDebug("WebSocket {ConnectionId} from {Client}", connection.ConnectionId, connection.RemoteEndPoint);
        IHostApplicationLifetime lifetime = _services.GetRequiredService<IHostApplicationLifetime>();
        return session.RunAsync(connection.ConnectionClosed, lifetime.ApplicationStopping);
    }
}
