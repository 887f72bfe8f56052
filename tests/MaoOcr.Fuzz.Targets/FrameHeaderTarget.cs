using System.Buffers;
using MaoOcr.WebSockets;
using MaoOcr.WebSockets.Framing;

namespace MaoOcr.Fuzz.Targets;

/// <summary>
/// <see cref="FrameHeaderParser"/>: the first byte picks the connection's settings (<see cref="FrameSettings"/>), the
/// rest is the frame. Contract: never throws; a complete header obeys every rule it was parsed under and writes back to
/// the same bytes; a refusal names a reason and a close status; the span and the split-sequence paths agree.
/// </summary>
public sealed class FrameHeaderTarget : IFuzzTarget
{
    /// <inheritdoc/>
    public string Name => "frame-header";

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }
        FrameRules rules = FrameSettings.From(input[0]).Rules;
        byte[] frame = input[1..].ToArray();

        FrameParseStatus status = FrameHeaderParser.TryParse(frame, rules, out FrameHeader header, out FrameError error);
        CheckOutcome(frame, rules, status, header, error);

        var reader = new SequenceReader<byte>(InputSplit.Split(frame));
        FrameParseStatus splitStatus = FrameHeaderParser.TryParse(ref reader, rules, out FrameHeader splitHeader, out FrameError splitError);
        Contract.That(splitStatus == status);
        Contract.That(splitError.Reason == error.Reason);
        Contract.That(splitHeader.ToString() == header.ToString() && splitHeader.MaskKey == header.MaskKey);
        Contract.That(reader.Consumed == (status == FrameParseStatus.Complete ? header.HeaderLength : 0));
    }

    private static void CheckOutcome(byte[] frame, in FrameRules rules, FrameParseStatus status, in FrameHeader header, in FrameError error)
    {
        switch (status)
        {
            case FrameParseStatus.Complete:
                Contract.That(error.Reason == FrameErrorReason.None);
                Contract.That(header.HeaderLength is >= WebSocketConstants.MinHeaderLength and <= WebSocketConstants.MaxHeaderLength);
                Contract.That(header.HeaderLength <= frame.Length);
                Contract.That(header.PayloadLength >= 0 && header.PayloadLength <= rules.MaxFramePayloadBytes);
                Contract.That(header.Masked == rules.ExpectsMaskedFrames);
                Contract.That(!header.Rsv2 && !header.Rsv3 && (rules.AllowRsv1 || !header.Rsv1));
                Contract.That(!header.IsControl || (header.Fin && !header.Rsv1 && header.PayloadLength <= WebSocketConstants.MaxControlPayloadLength));
                CheckRoundTrip(frame, header);
                break;
            case FrameParseStatus.NeedMoreData:
                Contract.That(error.Reason == FrameErrorReason.None);
                Contract.That(frame.Length < WebSocketConstants.MaxHeaderLength);
                break;
            case FrameParseStatus.Invalid:
                Contract.That(error.Reason != FrameErrorReason.None);
                Contract.That(error.CloseStatus is CloseStatusCodes.ProtocolError or CloseStatusCodes.MessageTooBig);
                break;
            default:
                Contract.Fail($"status {status}");
                break;
        }
    }

    /// <summary>Only minimal length forms are accepted, so the writer gives back exactly the bytes that were read.</summary>
    private static void CheckRoundTrip(byte[] frame, in FrameHeader header)
    {
        Span<byte> written = stackalloc byte[WebSocketConstants.MaxHeaderLength];
        int length = FrameHeaderWriter.Write(written, header.Opcode, header.Fin, header.Rsv1, header.PayloadLength, header.Masked ? header.MaskKey : null);
        Contract.That(written[..length].SequenceEqual(frame.AsSpan(0, header.HeaderLength)));
    }
}
