using MaoOcr.WebSockets.Framing;

namespace MaoOcr.WebSockets;

/// <summary>
/// The 4-bit frame opcode (RFC 6455 §5.2, registry in §11.8). Opcodes 0x3–0x7 (data) and 0xB–0xF (control) are
/// reserved; the parser refuses them, so a parsed <see cref="FrameHeader"/> only ever carries these six values.
/// </summary>
public enum WebSocketOpcode
{
    /// <summary>A later fragment of the message in progress (§5.4).</summary>
    Continuation = 0x0,

    /// <summary>The first frame of a message whose payload is UTF-8 text (§5.6).</summary>
    Text = 0x1,

    /// <summary>The first frame of a binary message (§5.6).</summary>
    Binary = 0x2,

    /// <summary>Close control frame (§5.5.1).</summary>
    Close = 0x8,

    /// <summary>Ping control frame (§5.5.2).</summary>
    Ping = 0x9,

    /// <summary>Pong control frame (§5.5.3).</summary>
    Pong = 0xA,
}
