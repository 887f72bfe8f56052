using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Unicode;

namespace MaoOcr.WebSockets.Framing;

/// <summary>Builds the payload of a close frame we send (RFC 6455 §5.5.1).</summary>
internal static class ClosePayloadWriter
{
    /// <summary>
    /// Writes a status code and a reason, the reason encoded as UTF-8 and cut at a character boundary to fit the
    /// 123 bytes a close frame leaves it. A lone surrogate in the reason is written as U+FFFD.
    /// </summary>
    /// <param name="destination">Receives the payload; at least <see cref="WebSocketConstants.MaxControlPayloadLength"/> (125) bytes.</param>
    /// <param name="statusCode">A code allowed on the wire (<see cref="CloseStatusCodes.IsValidReceived"/>): 1000–1003, 1007–1014 or 3000–4999.</param>
    /// <param name="reason">The reason, possibly empty.</param>
    /// <returns>Payload bytes written, 2 to 125.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 125 bytes, or <paramref name="statusCode"/> may not be sent.</exception>
    public static int Write(Span<byte> destination, ushort statusCode, ReadOnlySpan<char> reason)
    {
        if (destination.Length < WebSocketConstants.MaxControlPayloadLength)
        {
            WebSocketThrow.DestinationTooShort(nameof(destination), WebSocketConstants.MaxControlPayloadLength, destination.Length);
        }
        if (!CloseStatusCodes.IsValidReceived(statusCode))
        {
            WebSocketThrow.InvalidCloseStatusToSend(statusCode);
        }
        BinaryPrimitives.WriteUInt16BigEndian(destination, statusCode);
        Span<byte> text = destination.Slice(WebSocketConstants.CloseStatusLength, WebSocketConstants.MaxCloseReasonLength);
        // When the reason does not fit, FromUtf16 stops before the first character that does not fit whole.
        OperationStatus status = Utf8.FromUtf16(reason, text, out _, out int written, replaceInvalidSequences: true, isFinalBlock: true);
        Debug.Assert(status is OperationStatus.Done or OperationStatus.DestinationTooSmall);
        return WebSocketConstants.CloseStatusLength + written;
    }
}
