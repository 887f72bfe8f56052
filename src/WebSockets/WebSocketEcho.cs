namespace MaoOcr.WebSockets;

/// <summary>Echoes every message back with its own opcode until the connection closes: for tests, the Autobahn suite and the transport benchmark.</summary>
public static class WebSocketEcho
{
    /// <summary>
    /// Receives and echoes until <see cref="WebSocketConnection.ReceiveAsync"/> reports the connection closed. A message
    /// that arrives after our close frame went out (a <see cref="WebSocketConnection.CloseAsync"/> from another task) is
    /// not echoed: the send refuses it with <see cref="WebSocketClosedException"/>, and the loop goes on to the peer's close.
    /// </summary>
    /// <param name="connection">A connection after its handshake.</param>
    /// <param name="cancellationToken">Stops echoing; the connection is left as it is.</param>
    public static async Task RunAsync(WebSocketConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        while (await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false) is WebSocketMessage message)
        {
            try
            {
                // The payload is valid until the next receive, and SendAsync has copied it into the pipe when it returns.
                await connection.SendAsync(message.Opcode, message.Payload, cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketClosedException)
            {
                // A close raced this reply. Keep receiving: the loop ends with the peer's close frame, which is what a
                // CloseAsync running meanwhile waits for.
            }
        }
    }
}
