namespace MaoOcr.WebSockets;

/// <summary>
/// A complete data message received by <see cref="WebSocketConnection.ReceiveAsync"/>. The payload is a view of the
/// connection's pooled message buffer: valid until the next receive call on the same connection, so copy what must outlive it.
/// </summary>
public readonly struct WebSocketMessage
{
    /// <summary>Creates a message.</summary>
    /// <param name="opcode">Text or Binary.</param>
    /// <param name="payload">The whole payload, unmasked and inflated; for Text, valid UTF-8.</param>
    public WebSocketMessage(WebSocketOpcode opcode, ReadOnlyMemory<byte> payload)
    {
        Opcode = opcode;
        Payload = payload;
    }

    /// <summary><see cref="WebSocketOpcode.Text"/> or <see cref="WebSocketOpcode.Binary"/>.</summary>
    public WebSocketOpcode Opcode { get; }

    /// <summary>The message's bytes, 0 to <see cref="WebSocketLimits.MaxMessageBytes"/>; valid until the next receive call.</summary>
    public ReadOnlyMemory<byte> Payload { get; }
}
