using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MaoOcr.WebSockets.Framing;

/// <summary>
/// Reads one frame header from a pipe's buffer and enforces every rule that the header alone decides. Never throws
/// on input and never allocates.
/// </summary>
/// <remarks>
/// <para>
/// Rules that need the frames before this one (continuation without a message, interleaved messages, fragment and
/// message limits) belong to <see cref="FragmentTracker"/>; the payload's own rules (UTF-8, close payload) to
/// <see cref="Utf8Validator"/> and <see cref="ClosePayloadParser"/>.
/// </para>
/// <para>
/// YARP's parser sees spans that it must consume, so it carries a partial header between reads itself. We see the
/// pipe: an incomplete header is simply left unconsumed (the caller advances to <c>buffer.Start</c> and examines to
/// <c>buffer.End</c>), and a header that straddles two segments is gathered into a 14-byte stack buffer. Every rule is
/// checked on the bytes already there, so a bad first byte fails without waiting for the rest of the header.
/// </para>
/// </remarks>
internal static class FrameHeaderParser
{
    // RFC 6455 §5.2, Base Framing Protocol:
    //
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // +-+-+-+-+-------+-+-------------+-------------------------------+
    // |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
    // |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
    // |N|V|V|V|       |S|             |   (if payload len==126/127)   |
    // | |1|2|3|       |K|             |                               |
    // +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
    // |     Extended payload length continued, if payload len == 127  |
    // + - - - - - - - - - - - - - - - +-------------------------------+
    // |                               |Masking-key, if MASK set to 1  |
    // +-------------------------------+-------------------------------+
    // | Masking-key (continued)       |          Payload Data         |
    // +-------------------------------- - - - - - - - - - - - - - - - +
    // :                     Payload Data continued ...                :
    // + - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - +
    // |                     Payload Data continued ...                |
    // +---------------------------------------------------------------+
    //
    // Byte 0: FIN, RSV1-3, opcode. Byte 1: MASK and the 7-bit length: 0-125 is the length; 126 means a 16-bit
    // length follows, 127 a 64-bit one (most significant bit 0), both big-endian and in their minimal form.
    // Then the 4-byte masking key when MASK is set. So a header is 2, 4 or 10 bytes, plus 4 when masked: 2 to 14.

    private const int ForbiddenReservedBits = WebSocketConstants.Rsv2Bit | WebSocketConstants.Rsv3Bit;

    /// <summary>
    /// Parses the frame header at the reader's position, whether it lies in one segment or straddles several.
    /// </summary>
    /// <param name="reader">The unread input. Advanced past the header only on <see cref="FrameParseStatus.Complete"/>.</param>
    /// <param name="rules">The connection's masking, RSV1 and frame-size rules.</param>
    /// <param name="header">The header on <see cref="FrameParseStatus.Complete"/>; default otherwise.</param>
    /// <param name="error">The broken rule on <see cref="FrameParseStatus.Invalid"/>; default otherwise.</param>
    /// <returns>
    /// <see cref="FrameParseStatus.Complete"/>, <see cref="FrameParseStatus.NeedMoreData"/> (the bytes so far are a
    /// valid prefix; nothing consumed) or <see cref="FrameParseStatus.Invalid"/> (close with
    /// <see cref="FrameError.CloseStatus"/>; nothing consumed).
    /// </returns>
    public static FrameParseStatus TryParse(ref SequenceReader<byte> reader, in FrameRules rules, out FrameHeader header, out FrameError error)
    {
        ReadOnlySpan<byte> unread = reader.UnreadSpan;
        FrameParseStatus status = TryParse(unread, rules, out header, out error);
        if (status == FrameParseStatus.NeedMoreData && reader.Remaining > unread.Length)
        {
            status = TryParseAcrossSegments(ref reader, rules, out header, out error);
        }
        if (status == FrameParseStatus.Complete)
        {
            reader.Advance(header.HeaderLength);
        }
        return status;
    }

    /// <summary>
    /// Parses the frame header at the start of <paramref name="source"/>, which may hold fewer bytes than the header.
    /// </summary>
    /// <param name="source">Bytes from the start of a frame; any bytes after the header are ignored.</param>
    /// <param name="rules">The connection's masking, RSV1 and frame-size rules.</param>
    /// <param name="header">The header on <see cref="FrameParseStatus.Complete"/>; its <see cref="FrameHeader.HeaderLength"/> says how many bytes it used.</param>
    /// <param name="error">The broken rule on <see cref="FrameParseStatus.Invalid"/>.</param>
    /// <returns>The parse status, as for the sequence overload.</returns>
    public static FrameParseStatus TryParse(ReadOnlySpan<byte> source, in FrameRules rules, out FrameHeader header, out FrameError error)
    {
        header = default;
        if (source.IsEmpty)
        {
            error = default;
            return FrameParseStatus.NeedMoreData;
        }

        byte first = source[0];
        if (!IsValidFirstByte(first, rules, out error))
        {
            return FrameParseStatus.Invalid;
        }
        if ((uint)1 >= (uint)source.Length)
        {
            return FrameParseStatus.NeedMoreData;
        }

        var opcode = (WebSocketOpcode)(first & WebSocketConstants.OpcodeMask);
        byte second = source[1];
        bool masked = (second & WebSocketConstants.MaskBit) != 0;
        if (masked != rules.ExpectsMaskedFrames)
        {
            error = new FrameError(masked ? FrameErrorReason.MaskedServerFrame : FrameErrorReason.UnmaskedClientFrame);
            return FrameParseStatus.Invalid;
        }

        int lengthCode = second & WebSocketConstants.PayloadLengthMask;
        if (lengthCode > WebSocketConstants.MaxControlPayloadLength && opcode.IsControl())
        {
            // Refused on the 7-bit field alone: a control frame can never need the extended forms.
            error = new FrameError(FrameErrorReason.ControlFrameTooLong);
            return FrameParseStatus.Invalid;
        }

        int lengthBytes = lengthCode switch
        {
            WebSocketConstants.PayloadLength16BitMarker => WebSocketConstants.ExtendedLength16Bytes,
            WebSocketConstants.PayloadLength64BitMarker => WebSocketConstants.ExtendedLength64Bytes,
            _ => 0,
        };
        int maskStart = WebSocketConstants.MinHeaderLength + lengthBytes;
        if (source.Length < maskStart)
        {
            return FrameParseStatus.NeedMoreData;
        }
        if (!TryReadPayloadLength(source, lengthCode, out long payloadLength, out error))
        {
            return FrameParseStatus.Invalid;
        }
        if (payloadLength > rules.MaxFramePayloadBytes)
        {
            // Only data frames get here: control frames are at most 125 and the frame limit is at least 125.
            error = new FrameError(FrameErrorReason.FrameTooBig);
            return FrameParseStatus.Invalid;
        }

        int headerLength = maskStart + (masked ? WebSocketConstants.MaskLength : 0);
        if (source.Length < headerLength)
        {
            return FrameParseStatus.NeedMoreData;
        }
        uint maskKey = masked ? MemoryMarshal.Read<uint>(source.Slice(maskStart, WebSocketConstants.MaskLength)) : 0;

        header = new FrameHeader(
            fin: (first & WebSocketConstants.FinBit) != 0,
            rsv1: (first & WebSocketConstants.Rsv1Bit) != 0,
            rsv2: false,
            rsv3: false,
            opcode,
            masked,
            maskKey,
            payloadLength,
            headerLength);
        return FrameParseStatus.Complete;
    }

    /// <summary>The rules the first byte alone decides: reserved bits, reserved opcodes, control frame FIN and RSV1.</summary>
    private static bool IsValidFirstByte(byte first, in FrameRules rules, out FrameError error)
    {
        bool rsv1 = (first & WebSocketConstants.Rsv1Bit) != 0;
        int opcode = first & WebSocketConstants.OpcodeMask;
        FrameErrorReason reason;
        if ((first & ForbiddenReservedBits) != 0 || (rsv1 && !rules.AllowRsv1))
        {
            reason = FrameErrorReason.ReservedBitSet;
        }
        else if (!WebSocketOpcodeExtensions.IsDefinedOpcode(opcode))
        {
            reason = FrameErrorReason.ReservedOpcode;
        }
        else if (((WebSocketOpcode)opcode).IsControl())
        {
            reason = (first & WebSocketConstants.FinBit) == 0 ? FrameErrorReason.FragmentedControlFrame
                : rsv1 ? FrameErrorReason.CompressedControlFrame
                : FrameErrorReason.None;
        }
        else
        {
            // A continuation is never the first frame of a message, and RFC 7692 §6.1 puts RSV1 on the first frame
            // only, so this needs no state. FragmentTracker checks it again for headers that did not come from here.
            reason = rsv1 && opcode == (int)WebSocketOpcode.Continuation ? FrameErrorReason.CompressedContinuation : FrameErrorReason.None;
        }
        error = new FrameError(reason);
        return reason == FrameErrorReason.None;
    }

    /// <summary>Decodes the 7-, 16- or 64-bit length and refuses non-minimal forms and a set top bit.</summary>
    private static bool TryReadPayloadLength(ReadOnlySpan<byte> source, int lengthCode, out long payloadLength, out FrameError error)
    {
        error = default;
        switch (lengthCode)
        {
            case WebSocketConstants.PayloadLength16BitMarker:
                payloadLength = BinaryPrimitives.ReadUInt16BigEndian(source.Slice(WebSocketConstants.MinHeaderLength));
                if (payloadLength <= WebSocketConstants.MaxPayloadLength7Bit)
                {
                    error = new FrameError(FrameErrorReason.NonMinimalLength);
                    return false;
                }
                return true;
            case WebSocketConstants.PayloadLength64BitMarker:
                ulong length = BinaryPrimitives.ReadUInt64BigEndian(source.Slice(WebSocketConstants.MinHeaderLength));
                payloadLength = (long)length;
                if (length > long.MaxValue)
                {
                    error = new FrameError(FrameErrorReason.PayloadLengthOverflow);
                    return false;
                }
                if (length <= WebSocketConstants.MaxPayloadLength16Bit)
                {
                    error = new FrameError(FrameErrorReason.NonMinimalLength);
                    return false;
                }
                return true;
            default:
                Debug.Assert(lengthCode <= WebSocketConstants.MaxPayloadLength7Bit);
                payloadLength = lengthCode;
                return true;
        }
    }

    /// <summary>The split path: the header straddles segments, so gather up to 14 bytes into a stack buffer.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static FrameParseStatus TryParseAcrossSegments(ref SequenceReader<byte> reader, in FrameRules rules, out FrameHeader header, out FrameError error)
    {
        Span<byte> gathered = stackalloc byte[WebSocketConstants.MaxHeaderLength];
        gathered = gathered.Slice(0, (int)Math.Min(reader.Remaining, WebSocketConstants.MaxHeaderLength));
        bool copied = reader.TryCopyTo(gathered);
        Debug.Assert(copied);
        return TryParse(gathered, rules, out header, out error);
    }
}
