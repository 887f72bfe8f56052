using System.Buffers;
using System.Text;

namespace MaoOcr.WebSockets.Tests.Framing;

/// <summary>
/// A test-only model of the server's receive loop, composed from the framing pieces the way the Kestrel integration
/// will compose them: bytes arrive in pieces and stay unconsumed until a whole header is there (as in a pipe), payloads
/// are unmasked piece by piece with the mask offset carried over, and text is validated as it arrives. It records what
/// an application would see, as strings, and in which piece a failure was detected.
/// </summary>
internal sealed class ReceiveHarness
{
    private readonly FrameRules _rules;
    private readonly List<ReadOnlyMemory<byte>> _pending = [];
    private readonly ArrayBufferWriter<byte> _message = new();
    private readonly byte[] _control = new byte[WebSocketConstants.MaxControlPayloadLength];
    private FragmentTracker _tracker;
    private Utf8Validator _utf8;

    private bool _inFrame;
    private FrameHeader _header;
    private AcceptedFrame _frame;
    private long _remaining;
    private int _maskOffset;
    private int _controlLength;
    private bool _stopped;

    public ReceiveHarness(WebSocketLimits limits)
    {
        _rules = FrameRules.ForServer(limits, allowRsv1: false);
        _tracker = new FragmentTracker(limits);
    }

    /// <summary>What the application saw, in order: <c>text:</c>, <c>binary:</c>, <c>ping:</c>, <c>pong:</c>, <c>close:code:reason</c>, <c>fail:status:reason</c>.</summary>
    public List<string> Events { get; } = [];

    /// <summary>The piece during which the connection was failed, or -1.</summary>
    public int FailedAtPiece { get; private set; } = -1;

    public static string Binary(ReadOnlySpan<byte> payload) => "binary:" + Convert.ToHexString(payload);

    public static string Text(string text) => "text:" + text;

    public void Run(IReadOnlyList<ReadOnlyMemory<byte>> pieces)
    {
        for (int i = 0; i < pieces.Count && !_stopped; i++)
        {
            _pending.Add(pieces[i]);
            Process(i);
        }
    }

    private void Process(int piece)
    {
        ReadOnlySequence<byte> buffer = SegmentedSequence.FromPieces(_pending);
        long consumed = 0;
        while (!_stopped)
        {
            if (!_inFrame)
            {
                var reader = new SequenceReader<byte>(buffer.Slice(consumed));
                FrameParseStatus status = FrameHeaderParser.TryParse(ref reader, _rules, out _header, out FrameError error);
                if (status == FrameParseStatus.NeedMoreData)
                {
                    break;
                }
                if (status == FrameParseStatus.Invalid || !_tracker.TryAccept(_header, out _frame, out error))
                {
                    Fail(error, piece);
                    break;
                }
                consumed += reader.Consumed;
                (_inFrame, _remaining, _maskOffset, _controlLength) = (true, _header.PayloadLength, 0, 0);
                if (!_frame.IsControl && _frame.IsFirstFragment)
                {
                    _message.Clear();
                    _utf8.Reset();
                }
            }

            int take = (int)Math.Min(buffer.Length - consumed, _remaining);
            if (take == 0 && _remaining != 0)
            {
                break;
            }
            Span<byte> destination = _frame.IsControl ? _control.AsSpan(_controlLength, take) : _message.GetSpan(take)[..take];
            _maskOffset = Masking.Unmask(buffer.Slice(consumed, take), destination, _header.MaskKey, _maskOffset);
            consumed += take;
            _remaining -= take;
            if (_frame.IsControl)
            {
                _controlLength += take;
            }
            else
            {
                _message.Advance(take);
                if (_frame.Opcode == WebSocketOpcode.Text && !_utf8.TryAdvance(destination, isFinal: _frame.EndsMessage && _remaining == 0))
                {
                    Fail(new FrameError(FrameErrorReason.InvalidUtf8), piece);
                    break;
                }
            }
            if (_remaining == 0)
            {
                _inFrame = false;
                CompleteFrame(piece);
            }
        }
        Drop(consumed);
    }

    private void CompleteFrame(int piece)
    {
        ReadOnlySpan<byte> control = _control.AsSpan(0, _controlLength);
        switch (_frame.Opcode)
        {
            case WebSocketOpcode.Close:
                if (ClosePayloadParser.TryParse(control, out ClosePayload close, out FrameError error))
                {
                    Events.Add($"close:{close.StatusCode}:{Encoding.UTF8.GetString(close.Reason)}");
                    _stopped = true;
                }
                else
                {
                    Fail(error, piece);
                }
                break;
            case WebSocketOpcode.Ping:
                Events.Add("ping:" + Convert.ToHexString(control));
                break;
            case WebSocketOpcode.Pong:
                Events.Add("pong:" + Convert.ToHexString(control));
                break;
            default:
                if (_frame.EndsMessage)
                {
                    Events.Add(_frame.Opcode == WebSocketOpcode.Text ? Text(Encoding.UTF8.GetString(_message.WrittenSpan)) : Binary(_message.WrittenSpan));
                }
                break;
        }
    }

    private void Fail(FrameError error, int piece)
    {
        Events.Add($"fail:{error.CloseStatus}:{error.Reason}");
        FailedAtPiece = piece;
        _stopped = true;
    }

    /// <summary>Forgets consumed bytes, as <c>PipeReader.AdvanceTo(consumed)</c> does.</summary>
    private void Drop(long consumed)
    {
        while (consumed > 0)
        {
            ReadOnlyMemory<byte> first = _pending[0];
            if (first.Length <= consumed)
            {
                consumed -= first.Length;
                _pending.RemoveAt(0);
            }
            else
            {
                _pending[0] = first[(int)consumed..];
                consumed = 0;
            }
        }
    }
}
