using System.Diagnostics;

namespace MaoOcr.WebSockets.Framing;

/// <summary>One parsed frame header (RFC 6455 §5.2). Holds no reference to the bytes it was read from.</summary>
internal readonly struct FrameHeader
{
    private readonly byte _flags;

    /// <summary>Creates a header from its fields.</summary>
    /// <param name="fin">FIN: the last frame of its message.</param>
    /// <param name="rsv1">RSV1 (permessage-deflate: the message is compressed).</param>
    /// <param name="rsv2">RSV2.</param>
    /// <param name="rsv3">RSV3.</param>
    /// <param name="opcode">The opcode.</param>
    /// <param name="masked">Whether the payload is masked.</param>
    /// <param name="maskKey">The masking key, see <see cref="MaskKey"/>; 0 when not masked.</param>
    /// <param name="payloadLength">Payload bytes, 0 to <see cref="long.MaxValue"/>.</param>
    /// <param name="headerLength">Header bytes on the wire, 2 to 14.</param>
    public FrameHeader(bool fin, bool rsv1, bool rsv2, bool rsv3, WebSocketOpcode opcode, bool masked, uint maskKey, long payloadLength, int headerLength)
    {
        Debug.Assert((uint)opcode <= WebSocketConstants.OpcodeMask);
        Debug.Assert(payloadLength >= 0);
        Debug.Assert(headerLength is >= WebSocketConstants.MinHeaderLength and <= WebSocketConstants.MaxHeaderLength);
        Debug.Assert(masked || maskKey == 0);
        _flags = (byte)((fin ? WebSocketConstants.FinBit : 0)
            | (rsv1 ? WebSocketConstants.Rsv1Bit : 0)
            | (rsv2 ? WebSocketConstants.Rsv2Bit : 0)
            | (rsv3 ? WebSocketConstants.Rsv3Bit : 0)
            | (int)opcode);
        Masked = masked;
        MaskKey = maskKey;
        PayloadLength = payloadLength;
        HeaderLength = headerLength;
    }

    /// <summary>FIN: this frame ends its message. Always true for control frames that passed the parser.</summary>
    public bool Fin => (_flags & WebSocketConstants.FinBit) != 0;

    /// <summary>RSV1: with permessage-deflate, the message starting with this frame is compressed.</summary>
    public bool Rsv1 => (_flags & WebSocketConstants.Rsv1Bit) != 0;

    /// <summary>RSV2; always false on a header that passed the parser.</summary>
    public bool Rsv2 => (_flags & WebSocketConstants.Rsv2Bit) != 0;

    /// <summary>RSV3; always false on a header that passed the parser.</summary>
    public bool Rsv3 => (_flags & WebSocketConstants.Rsv3Bit) != 0;

    /// <summary>The opcode; never a reserved one on a header that passed the parser.</summary>
    public WebSocketOpcode Opcode => (WebSocketOpcode)(_flags & WebSocketConstants.OpcodeMask);

    /// <summary>Whether this is a control frame (Close, Ping, Pong).</summary>
    public bool IsControl => Opcode.IsControl();

    /// <summary>Whether the payload is masked (the MASK bit).</summary>
    public bool Masked { get; }

    /// <summary>
    /// The 4-byte masking key as read from the wire in machine byte order (<c>MemoryMarshal.Read&lt;uint&gt;</c>), so
    /// that storing it back to memory gives the key bytes in wire order. This is the form <see cref="Masking"/> and
    /// <see cref="FrameHeaderWriter"/> take. 0 when <see cref="Masked"/> is false.
    /// </summary>
    public uint MaskKey { get; }

    /// <summary>Payload bytes that follow the header, 0 to <see cref="long.MaxValue"/>.</summary>
    public long PayloadLength { get; }

    /// <summary>Bytes the header occupies on the wire: 2, 4 or 10, plus 4 when masked.</summary>
    public int HeaderLength { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Opcode} fin={Fin} rsv={(Rsv1 ? 1 : 0)}{(Rsv2 ? 1 : 0)}{(Rsv3 ? 1 : 0)} masked={Masked} payload={PayloadLength} header={HeaderLength}";
}
