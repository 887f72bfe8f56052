using MaoOcr.EdgeServer.Protocol;
using MaoOcr.EdgeServer.WebSockets;
using MaoOcr.EdgeServer.WebSockets.Compression;
using MaoOcr.EdgeServer.WebSockets.Handshake;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace MaoOcr.EdgeServer.Hosting;

/// <summary>/ws/ocr: the handshake options and limits derived from the settings, and an <see cref="OcrSession"/> per connection.</summary>
internal sealed class OcrWebSocketEndpoint
{
    private readonly IServiceProvider _services;

    public OcrWebSocketEndpoint(IServiceProvider services, ServerSettings server, ProtocolLimits protocol)
    {
        _services = services;
        Handshake = new HandshakeOptions { Path = HandshakeOptions.DefaultPath, ApiToken = server.ApiToken, Deflate = new DeflateOptions() };
        foreach (string origin in server.AllowedOrigins)
        {
            Handshake.AllowedOrigins.Add(origin);
        }
        // One message carries one base64 image plus its envelope (docs/design/websocket-layer.md, "Limits must agree").
        Limits = new WebSocketLimits { MaxMessageBytes = ((long)protocol.MaxImageBytes * 4 / 3) + protocol.MaxEnvelopeBytes + 4 };
    }

    public HandshakeOptions Handshake { get; }

    public WebSocketLimits Limits { get; }

    /// <summary>Runs the MaoOCR protocol on one accepted connection until it closes or the appliance stops (1001).</summary>
    public Task RunAsync(WebSocketConnection socket, ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var session = new OcrSession(
            socket,
            connection.ConnectionId,
            _services.GetRequiredService<OcrService>(),
            new ClientMessageParser(_services.GetRequiredService<IOptions<ProtocolLimits>>().Value),
            _services.GetRequiredService<ServerMetrics>(),
            _services.GetRequiredService<ILogger<OcrSession>>());
        IHostApplicationLifetime lifetime = _services.GetRequiredService<IHostApplicationLifetime>();
        return session.RunAsync(connection.ConnectionClosed, lifetime.ApplicationStopping);
    }
}
