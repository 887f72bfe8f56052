using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MaoOcr.WebSockets.Framing;

/// <summary>
/// Writes frame headers (RFC 6455 §5.2) in the minimal length encoding. Our own frames are built by our code, so a
/// header that would break the protocol is a bug here, and is thrown rather than returned.
/// </summary>
internal static class FrameHeaderWriter
{
    /// <summary>Header bytes for a payload of <paramref name="payloadLength"/>: 2, 4 or 10, plus 4 when masked.</summary>
    /// <param name="payloadLength">Payload bytes, 0 to <see cref="long.MaxValue"/>.</param>
    /// <param name="masked">Whether the header carries a masking key (client frames).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="payloadLength"/> is negative.</exception>
    public static int GetHeaderLength(long payloadLength, bool masked)
    {
        WebSocketThrow.IfOutOfRange(payloadLength, 0, long.MaxValue, nameof(payloadLength));
        int length = payloadLength switch
        {
            <= WebSocketConstants.MaxPayloadLength7Bit => WebSocketConstants.MinHeaderLength,
            <= WebSocketConstants.MaxPayloadLength16Bit => WebSocketConstants.MinHeaderLength + WebSocketConstants.ExtendedLength16Bytes,
            _ => WebSocketConstants.MinHeaderLength + WebSocketConstants.ExtendedLength64Bytes,
        };
        return masked ? length + WebSocketConstants.MaskLength : length;
    }

    /// <summary>Writes one frame header.</summary>
    /// <param name="destination">Receives the header; <see cref="WebSocketConstants.MaxHeaderLength"/> (14) bytes always suffice.</param>
    /// <param name="opcode">The frame's opcode.</param>
    /// <param name="fin">Whether this frame ends its message; must be true for control frames.</param>
    /// <param name="rsv1">RSV1 (permessage-deflate: compressed); only on the first frame of a data message.</param>
    /// <param name="payloadLength">Payload bytes, 0 to <see cref="long.MaxValue"/>; at most 125 for control frames.</param>
    /// <param name="mask">The masking key in machine byte order (see <see cref="FrameHeader.MaskKey"/>) for a client
    /// frame, whose payload the caller then masks with <see cref="Masking"/>; null for a server frame.</param>
    /// <returns>Bytes written: 2, 4 or 10, plus 4 when masked.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="payloadLength"/> is negative.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="destination"/> is too short, <paramref name="opcode"/> is reserved, or the frame breaks a
    /// control-frame or RSV1 rule.
    /// </exception>
    public static int Write(Span<byte> destination, WebSocketOpcode opcode, bool fin, bool rsv1, long payloadLength, uint? mask)
    {
        int headerLength = GetHeaderLength(payloadLength, mask.HasValue);
        CheckFrame(opcode, fin, rsv1, payloadLength);
        if (headerLength > destination.Length)
        {
            WebSocketThrow.DestinationTooShort(nameof(destination), headerLength, destination.Length);
        }

        destination[0] = (byte)((fin ? WebSocketConstants.FinBit : 0) | (rsv1 ? WebSocketConstants.Rsv1Bit : 0) | (int)opcode);
        byte maskBit = mask.HasValue ? WebSocketConstants.MaskBit : (byte)0;
        int written;
        if (payloadLength <= WebSocketConstants.MaxPayloadLength7Bit)
        {
            destination[1] = (byte)(maskBit | (int)payloadLength);
            written = WebSocketConstants.MinHeaderLength;
        }
        else if (payloadLength <= WebSocketConstants.MaxPayloadLength16Bit)
        {
            destination[1] = (byte)(maskBit | WebSocketConstants.PayloadLength16BitMarker);
            BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(WebSocketConstants.MinHeaderLength), (ushort)payloadLength);
            written = WebSocketConstants.MinHeaderLength + WebSocketConstants.ExtendedLength16Bytes;
        }
        else
        {
            destination[1] = (byte)(maskBit | WebSocketConstants.PayloadLength64BitMarker);
            BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(WebSocketConstants.MinHeaderLength), (ulong)payloadLength);
            written = WebSocketConstants.MinHeaderLength + WebSocketConstants.ExtendedLength64Bytes;
        }
        if (mask is uint key)
        {
            MemoryMarshal.Write(destination.Slice(written, WebSocketConstants.MaskLength), in key);
            written += WebSocketConstants.MaskLength;
        }
        return written;
    }

    private static void CheckFrame(WebSocketOpcode opcode, bool fin, bool rsv1, long payloadLength)
    {
        if ((uint)opcode > WebSocketConstants.OpcodeMask || !WebSocketOpcodeExtensions.IsDefinedOpcode((int)opcode))
        {
            WebSocketThrow.InvalidFrameToSend($"opcode {(int)opcode} is reserved");
        }
        if (opcode.IsControl())
        {
            if (!fin)
            {
                WebSocketThrow.InvalidFrameToSend("a control frame cannot be fragmented");
            }
            if (payloadLength > WebSocketConstants.MaxControlPayloadLength)
            {
                WebSocketThrow.InvalidFrameToSend($"a control frame carries at most {WebSocketConstants.MaxControlPayloadLength} bytes, not {payloadLength}");
            }
        }
        if (rsv1 && (opcode.IsControl() || opcode == WebSocketOpcode.Continuation))
        {
            WebSocketThrow.InvalidFrameToSend("RSV1 belongs on the first frame of a data message only");
        }
    }
}
