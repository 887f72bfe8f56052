using Microsoft.AspNetCore.Connections;

namespace MaoOcr.WebSockets.Kestrel;

/// <summary>
/// What runs on an accepted WebSocket: the appliance's MaoOCR session, the tests' and the transport benchmark's echo.
/// The handler owns the connection until it returns; the middleware disposes the <see cref="WebSocketConnection"/> after.
/// </summary>
/// <param name="socket">The connection, positioned just after the 101 response.</param>
/// <param name="connection">Kestrel's connection: its id, its <see cref="BaseConnectionContext.ConnectionClosed"/> token.</param>
public delegate Task WebSocketHandler(WebSocketConnection socket, ConnectionContext connection);
