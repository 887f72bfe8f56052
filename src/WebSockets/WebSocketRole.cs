namespace MaoOcr.WebSockets;

/// <summary>Which end of the connection we are; it decides which way masking goes (RFC 6455 §5.1).</summary>
public enum WebSocketRole
{
    /// <summary>We are the server: every frame we receive must be masked, and we send ours unmasked.</summary>
    Server = 0,

    /// <summary>We are the client: every frame we receive must be unmasked, and we mask ours.</summary>
    Client = 1,
}
