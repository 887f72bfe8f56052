namespace MaoOcr.WebSockets;

/// <summary>Classifies opcodes by the RFC 6455 §5.2 rules rather than by listing them at each call site.</summary>
public static class WebSocketOpcodeExtensions
{
    // Bit n is set when opcode n is defined: 0x0, 0x1, 0x2, 0x8, 0x9, 0xA.
    private const int DefinedOpcodeBits = 0b0000_0111_0000_0111;

    /// <summary>
    /// Whether <paramref name="opcode"/> is a control opcode. RFC 6455 §5.5: control frames are those whose opcode
    /// has its most significant bit set (0x8–0xF), reserved ones included.
    /// </summary>
    public static bool IsControl(this WebSocketOpcode opcode) => ((int)opcode & 0x8) != 0;

    /// <summary>Whether a raw 4-bit opcode (0–15; higher bits are ignored) is one RFC 6455 defines rather than a reserved one.</summary>
    public static bool IsDefinedOpcode(int opcode) => ((DefinedOpcodeBits >> (opcode & WebSocketConstants.OpcodeMask)) & 1) != 0;
}
