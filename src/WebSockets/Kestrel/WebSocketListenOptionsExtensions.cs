using MaoOcr.WebSockets.Handshake;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MaoOcr.WebSockets.Kestrel;

/// <summary>Puts our WebSocket layer on a Kestrel endpoint (docs/design/websocket-layer.md, the fast path).</summary>
public static class WebSocketListenOptionsExtensions
{
    /// <summary>
    /// Answers WebSocket handshakes for <see cref="HandshakeOptions.Path"/> on this endpoint's connections and runs
    /// <paramref name="handler"/> on each accepted one; every other request goes to Kestrel's HTTP untouched. Call it after
    /// <c>UseHttps</c>, so that it reads the decrypted request head.
    /// </summary>
    public static ListenOptions UseWebSocketConnections(this ListenOptions listen, HandshakeOptions handshake, WebSocketLimits limits, WebSocketHandler handler)
    {
        ArgumentNullException.ThrowIfNull(listen);
        listen.Use(next => new WebSocketConnectionMiddleware(next, handshake, limits, handler).OnConnectionAsync);
        return listen;
    }
}
