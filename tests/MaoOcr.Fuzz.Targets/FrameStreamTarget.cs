using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using MaoOcr.WebSockets;
using MaoOcr.WebSockets.Framing;

namespace MaoOcr.Fuzz.Targets;

/// <summary>
/// A received byte stream through everything that judges frames: the header parser, <see cref="FragmentTracker"/>
/// across frames, <see cref="Masking"/>, <see cref="ClosePayloadParser"/> and the incremental <see cref="Utf8Validator"/>.
/// The first byte picks the settings (<see cref="FrameSettings"/>). Contract: nothing throws; the tracker stays within
/// its limits; unmasking matches a byte-by-byte XOR; the validator agrees with a one-shot UTF-8 check and fails no
/// earlier than the bytes allow; a close payload is accepted exactly when RFC 6455 allows it.
/// </summary>
public sealed class FrameStreamTarget : IFuzzTarget
{
    /// <summary>
    /// Payload pieces are fed to the validator at most this long, so that characters are cut across pieces as they are
    /// across pipe reads.
    /// </summary>
    private const int ValidatorPieceBytes = 7;

    /// <inheritdoc/>
    public string Name => "frame-stream";

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }
        FrameSettings settings = FrameSettings.From(input[0]);
        ReadOnlySpan<byte> stream = input[1..];
        var tracker = new FragmentTracker(settings.MaxMessageBytes, settings.MaxFragments);
        var validator = new Utf8Validator();
        var message = new List<byte>();
        bool textMessage = false;

        // Each pass consumes a header of at least 2 bytes, so the loop ends within input.Length / 2 passes.
        while (FrameHeaderParser.TryParse(stream, settings.Rules, out FrameHeader header, out _) == FrameParseStatus.Complete)
        {
            stream = stream[header.HeaderLength..];
            if (!tracker.TryAccept(header, out AcceptedFrame frame, out FrameError refusal))
            {
                Contract.That(refusal.Reason != FrameErrorReason.None && refusal.CloseStatus != 0);
                return;
            }
            Contract.That(tracker.Fragments <= settings.MaxFragments && tracker.MessageBytes <= settings.MaxMessageBytes);

            int available = (int)Math.Min(header.PayloadLength, stream.Length);
            byte[] payload = Unmask(stream[..available], header);
            stream = stream[available..];
            bool complete = available == header.PayloadLength;

            if (frame.IsControl)
            {
                if (frame.Opcode == WebSocketOpcode.Close && complete)
                {
                    CheckClose(payload);
                }
                continue;
            }
            if (frame.IsFirstFragment)
            {
                validator.Reset();
                message.Clear();
                textMessage = frame.Opcode == WebSocketOpcode.Text && !frame.IsCompressed;
            }
            if (textMessage && !CheckUtf8(ref validator, message, payload, isFinal: frame.EndsMessage && complete))
            {
                return;
            }
            if (!complete)
            {
                return;
            }
        }
    }

    /// <summary>Unmasks through <see cref="Masking"/>, split in two to exercise the key's rotation, and checks it against plain XOR.</summary>
    private static byte[] Unmask(ReadOnlySpan<byte> masked, in FrameHeader header)
    {
        byte[] payload = masked.ToArray();
        if (!header.Masked)
        {
            return payload;
        }
        int half = payload.Length / 2;
        int offset = Masking.Apply(payload.AsSpan(0, half), header.MaskKey, 0);
        Contract.That(offset == (half & 3));
        Masking.Apply(payload.AsSpan(half), header.MaskKey, offset);

        Span<byte> key = stackalloc byte[WebSocketConstants.MaskLength];
        BitConverter.TryWriteBytes(key, header.MaskKey);
        for (int i = 0; i < payload.Length; i++)
        {
            Contract.That(payload[i] == (byte)(masked[i] ^ key[i & 3]));
        }
        return payload;
    }

    private static void CheckClose(byte[] payload)
    {
        bool accepted = ClosePayloadParser.TryParse(payload, out ClosePayload close, out FrameError error);
        bool allowed = payload.Length == 0
            || (payload.Length is >= WebSocketConstants.CloseStatusLength and <= WebSocketConstants.MaxControlPayloadLength
                && CloseStatusCodes.IsValidReceived(BinaryPrimitives.ReadUInt16BigEndian(payload))
                && IsUtf8(payload.AsSpan(WebSocketConstants.CloseStatusLength)));
        Contract.That(accepted == allowed);
        Contract.That(accepted ? error.Reason == FrameErrorReason.None : error.CloseStatus is CloseStatusCodes.ProtocolError or CloseStatusCodes.InvalidPayloadData);
        Contract.That(!accepted || close.StatusCode != 0);
    }

    /// <summary>Feeds the payload in pieces; returns false once the validator has failed, after checking that it was right to.</summary>
    private static bool CheckUtf8(ref Utf8Validator validator, List<byte> message, byte[] payload, bool isFinal)
    {
        int at = 0;
        do
        {
            int length = Math.Min(ValidatorPieceBytes, payload.Length - at);
            ReadOnlySpan<byte> piece = payload.AsSpan(at, length);
            at += length;
            message.AddRange(piece);
            bool last = isFinal && at == payload.Length;
            bool valid = validator.TryAdvance(piece, last);
            // Whole: exactly the one-shot answer. Not yet whole: failing means no continuation could make it valid.
            ReadOnlySpan<byte> soFar = CollectionsMarshal.AsSpan(message);
            Contract.That(last ? valid == IsUtf8(soFar) : valid == IsUtf8Prefix(soFar));
            if (!valid)
            {
                return false;
            }
        }
        while (at < payload.Length);
        return true;
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    /// <summary>Whether <paramref name="bytes"/> is valid UTF-8 or becomes so with more bytes: only its last character may be cut short.</summary>
    private static bool IsUtf8Prefix(ReadOnlySpan<byte> bytes)
    {
        if (IsUtf8(bytes))
        {
            return true;
        }
        // A cut character is at most 3 bytes of a 4-byte one; Rune reports a valid start of one as NeedMoreData.
        for (int cut = 1; cut <= Math.Min(3, bytes.Length); cut++)
        {
            if (Rune.DecodeFromUtf8(bytes[^cut..], out _, out int consumed) == OperationStatus.NeedMoreData
                && consumed == cut && IsUtf8(bytes[..^cut]))
            {
                return true;
            }
        }
        return false;
    }
}
