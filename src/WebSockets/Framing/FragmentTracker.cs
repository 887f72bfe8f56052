namespace MaoOcr.WebSockets.Framing;

/// <summary>
/// The state machine across the frames of a message (RFC 6455 §5.4): which message is in progress, whether it is
/// compressed, and how many fragments and bytes it has used against the limits. It sees headers only; payload bytes
/// are never copied here.
/// </summary>
/// <remarks>
/// A mutable struct, so that a connection holds it as a field with no allocation: keep it in a field or a local
/// and pass it by <c>ref</c>; a copy tracks separately. A refusal leaves the state as it was, but the connection
/// must be failed with the error's close status anyway.
/// </remarks>
internal struct FragmentTracker
{
    private readonly long _maxMessageBytes;
    private readonly int _maxFragments;

    // Continuation stands for "no message in progress"; otherwise Text or Binary.
    private WebSocketOpcode _messageOpcode;
    private bool _compressed;
    private int _fragments;
    private long _messageBytes;

    /// <summary>Creates a tracker with no message in progress.</summary>
    /// <param name="maxMessageBytes">
    /// Largest message, in bytes on the wire (for a compressed message: before inflation; the inflater bounds the
    /// inflated size). At least 1.
    /// </param>
    /// <param name="maxFragments">Most data frames in one message, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit is below 1.</exception>
    public FragmentTracker(long maxMessageBytes, int maxFragments)
    {
        _maxMessageBytes = WebSocketThrow.IfOutOfRange(maxMessageBytes, 1, long.MaxValue, nameof(maxMessageBytes));
        _maxFragments = (int)WebSocketThrow.IfOutOfRange(maxFragments, 1, int.MaxValue, nameof(maxFragments));
        _messageOpcode = WebSocketOpcode.Continuation;
    }

    /// <summary>Creates a tracker with the message limits of <paramref name="limits"/>.</summary>
    public FragmentTracker(WebSocketLimits limits)
        : this((limits ?? throw new ArgumentNullException(nameof(limits))).MaxMessageBytes, limits.MaxFragments)
    {
    }

    /// <summary>Whether a fragmented message has started and not yet ended.</summary>
    public readonly bool InMessage => _messageOpcode != WebSocketOpcode.Continuation;

    /// <summary>The type of the message in progress (Text or Binary); <see cref="WebSocketOpcode.Continuation"/> when none.</summary>
    public readonly WebSocketOpcode MessageOpcode => _messageOpcode;

    /// <summary>Data frames the message in progress has used so far; 0 when none.</summary>
    public readonly int Fragments => _fragments;

    /// <summary>Payload bytes of the message in progress so far; 0 when none.</summary>
    public readonly long MessageBytes => _messageBytes;

    /// <summary>
    /// Places a parsed header in its message, or refuses it. Control frames pass through without touching the
    /// message in progress: they may come between fragments (§5.4).
    /// </summary>
    /// <param name="header">A header that passed <see cref="FrameHeaderParser"/>.</param>
    /// <param name="frame">Where the frame belongs, when accepted.</param>
    /// <param name="error">The broken rule when refused: 1002 for a fragment out of sequence or RSV1 on a continuation, 1009 for a limit.</param>
    /// <returns>True when accepted.</returns>
    public bool TryAccept(in FrameHeader header, out AcceptedFrame frame, out FrameError error)
    {
        error = default;
        if (header.IsControl)
        {
            frame = new AcceptedFrame(header.Opcode, isFirstFragment: true, endsMessage: true, isCompressed: false, header.PayloadLength);
            return true;
        }

        frame = default;
        WebSocketOpcode messageOpcode;
        bool compressed;
        int fragments;
        long messageBytes;
        if (header.Opcode == WebSocketOpcode.Continuation)
        {
            if (!InMessage)
            {
                return Refuse(FrameErrorReason.UnexpectedContinuation, out error);
            }
            if (header.Rsv1)
            {
                return Refuse(FrameErrorReason.CompressedContinuation, out error);
            }
            (messageOpcode, compressed, fragments, messageBytes) = (_messageOpcode, _compressed, _fragments, _messageBytes);
        }
        else
        {
            if (InMessage)
            {
                return Refuse(FrameErrorReason.ExpectedContinuation, out error);
            }
            (messageOpcode, compressed, fragments, messageBytes) = (header.Opcode, header.Rsv1, 0, 0);
        }

        if (fragments >= _maxFragments)
        {
            return Refuse(FrameErrorReason.TooManyFragments, out error);
        }
        // Subtracting keeps this free of overflow: messageBytes never exceeds the limit.
        if (header.PayloadLength > _maxMessageBytes - messageBytes)
        {
            return Refuse(FrameErrorReason.MessageTooBig, out error);
        }

        frame = new AcceptedFrame(messageOpcode, isFirstFragment: fragments == 0, header.Fin, compressed, header.PayloadLength);
        if (header.Fin)
        {
            Reset();
        }
        else
        {
            _messageOpcode = messageOpcode;
            _compressed = compressed;
            _fragments = fragments + 1;
            _messageBytes = messageBytes + header.PayloadLength;
        }
        return true;
    }

    /// <summary>Forgets the message in progress, if any.</summary>
    public void Reset()
    {
        _messageOpcode = WebSocketOpcode.Continuation;
        _compressed = false;
        _fragments = 0;
        _messageBytes = 0;
    }

    private static bool Refuse(FrameErrorReason reason, out FrameError error)
    {
        error = new FrameError(reason);
        return false;
    }
}
