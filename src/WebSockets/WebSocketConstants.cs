namespace MaoOcr.WebSockets;

/// <summary>
/// Every number RFC 6455 fixes, named once, so that no frame code carries a bare 125 or 0x80.
/// Section numbers refer to RFC 6455.
/// </summary>
internal static class WebSocketConstants
{
    /// <summary>The GUID appended to <c>Sec-WebSocket-Key</c> before hashing it into <c>Sec-WebSocket-Accept</c> (§1.3, §4.2.2).</summary>
    public const string HandshakeGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary><see cref="HandshakeGuid"/> as the ASCII bytes the accept hash is computed over.</summary>
    public static ReadOnlySpan<byte> HandshakeGuidUtf8 => "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"u8;

    /// <summary>The only protocol version this layer speaks (<c>Sec-WebSocket-Version: 13</c>, §4.1).</summary>
    public const int ProtocolVersion = 13;

    /// <summary>Bytes of the fixed part of every frame header: FIN/RSV/opcode and MASK/length (§5.2).</summary>
    public const int MinHeaderLength = 2;

    /// <summary>Bytes of the masking key, present when the MASK bit is set (§5.3).</summary>
    public const int MaskLength = 4;

    /// <summary>Bytes of the extended length in the 16-bit form.</summary>
    public const int ExtendedLength16Bytes = 2;

    /// <summary>Bytes of the extended length in the 64-bit form.</summary>
    public const int ExtendedLength64Bytes = 8;

    /// <summary>The longest header: 2 fixed bytes, a 64-bit extended length and a masking key.</summary>
    public const int MaxHeaderLength = MinHeaderLength + ExtendedLength64Bytes + MaskLength;

    /// <summary>The largest payload the 7-bit length field holds directly; it is also the largest control frame payload (§5.5).</summary>
    public const int MaxPayloadLength7Bit = 125;

    /// <summary>Control frames carry at most 125 payload bytes and are never fragmented (§5.5).</summary>
    public const int MaxControlPayloadLength = 125;

    /// <summary>7-bit length value announcing a 16-bit extended length (payloads 126–65,535).</summary>
    public const int PayloadLength16BitMarker = 126;

    /// <summary>7-bit length value announcing a 64-bit extended length (payloads above 65,535).</summary>
    public const int PayloadLength64BitMarker = 127;

    /// <summary>The largest payload the 16-bit extended length holds.</summary>
    public const int MaxPayloadLength16Bit = ushort.MaxValue;

    /// <summary>FIN: the last frame of a message (first byte, bit 7).</summary>
    public const byte FinBit = 0x80;

    /// <summary>RSV1: reserved for extensions; permessage-deflate uses it as "compressed" (RFC 7692 §6).</summary>
    public const byte Rsv1Bit = 0x40;

    /// <summary>RSV2: reserved for extensions; none we negotiate uses it.</summary>
    public const byte Rsv2Bit = 0x20;

    /// <summary>RSV3: reserved for extensions; none we negotiate uses it.</summary>
    public const byte Rsv3Bit = 0x10;

    /// <summary>The opcode: the low 4 bits of the first byte.</summary>
    public const byte OpcodeMask = 0x0F;

    /// <summary>MASK: the payload is masked with a 4-byte key (second byte, bit 7).</summary>
    public const byte MaskBit = 0x80;

    /// <summary>The 7-bit payload length: the low 7 bits of the second byte.</summary>
    public const byte PayloadLengthMask = 0x7F;

    /// <summary>Bytes of the status code at the head of a close payload (§5.5.1).</summary>
    public const int CloseStatusLength = 2;

    /// <summary>The longest close reason: a control payload less the status code.</summary>
    public const int MaxCloseReasonLength = MaxControlPayloadLength - CloseStatusLength;
}
