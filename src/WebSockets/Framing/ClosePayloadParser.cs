using System.Buffers.Binary;
using System.Text.Unicode;

namespace MaoOcr.WebSockets.Framing;

/// <summary>Validates and reads a received close frame's unmasked payload (RFC 6455 §5.5.1, §7.4). Never throws on input.</summary>
internal static class ClosePayloadParser
{
    /// <summary>Reads a close payload.</summary>
    /// <param name="payload">The unmasked payload of a close frame, 0 to 125 bytes.</param>
    /// <param name="close">The status and reason when valid; a view into <paramref name="payload"/>.</param>
    /// <param name="error">
    /// When refused: <see cref="FrameErrorReason.TruncatedCloseStatus"/> for 1 byte,
    /// <see cref="FrameErrorReason.ControlFrameTooLong"/> for more than 125, <see cref="FrameErrorReason.InvalidCloseStatus"/>
    /// for a code not allowed on the wire (all 1002), <see cref="FrameErrorReason.InvalidCloseReason"/> for a reason that
    /// is not UTF-8 (1007).
    /// </param>
    /// <returns>True when the payload is empty (no status) or a valid status code and UTF-8 reason.</returns>
    public static bool TryParse(ReadOnlySpan<byte> payload, out ClosePayload close, out FrameError error)
    {
        close = default;
        FrameErrorReason reason;
        if (payload.IsEmpty)
        {
            close = new ClosePayload(CloseStatusCodes.NoStatusReceived, ReadOnlySpan<byte>.Empty);
            reason = FrameErrorReason.None;
        }
        else if (payload.Length < WebSocketConstants.CloseStatusLength)
        {
            reason = FrameErrorReason.TruncatedCloseStatus;
        }
        else if (payload.Length > WebSocketConstants.MaxControlPayloadLength)
        {
            reason = FrameErrorReason.ControlFrameTooLong;
        }
        else
        {
            ushort statusCode = BinaryPrimitives.ReadUInt16BigEndian(payload);
            ReadOnlySpan<byte> text = payload.Slice(WebSocketConstants.CloseStatusLength);
            reason = !CloseStatusCodes.IsValidReceived(statusCode) ? FrameErrorReason.InvalidCloseStatus
                : !Utf8.IsValid(text) ? FrameErrorReason.InvalidCloseReason
                : FrameErrorReason.None;
            if (reason == FrameErrorReason.None)
            {
                close = new ClosePayload(statusCode, text);
            }
        }
        error = new FrameError(reason);
        return reason == FrameErrorReason.None;
    }
}
