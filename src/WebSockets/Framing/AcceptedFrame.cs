namespace MaoOcr.WebSockets.Framing;

/// <summary>
/// A frame the <see cref="FragmentTracker"/> accepted, placed within its message: what the receive loop needs to
/// route the payload that follows.
/// </summary>
internal readonly struct AcceptedFrame
{
    /// <summary>Creates the description of an accepted frame.</summary>
    /// <param name="opcode">The message's type for data frames (Text or Binary, also for continuations); the opcode itself for control frames.</param>
    /// <param name="isFirstFragment">This frame starts its message (always true for control frames).</param>
    /// <param name="endsMessage">This frame ends its message (always true for control frames).</param>
    /// <param name="isCompressed">The message was compressed (RSV1 on its first frame).</param>
    /// <param name="payloadLength">This frame's payload bytes.</param>
    public AcceptedFrame(WebSocketOpcode opcode, bool isFirstFragment, bool endsMessage, bool isCompressed, long payloadLength)
    {
        Opcode = opcode;
        IsFirstFragment = isFirstFragment;
        EndsMessage = endsMessage;
        IsCompressed = isCompressed;
        PayloadLength = payloadLength;
    }

    /// <summary>Text or Binary for a data frame, continuations included; Close, Ping or Pong for a control frame.</summary>
    public WebSocketOpcode Opcode { get; }

    /// <summary>Whether this is a control frame, which stands outside any message.</summary>
    public bool IsControl => Opcode.IsControl();

    /// <summary>This frame starts a message: reset per-message state (UTF-8 validator, inflater input).</summary>
    public bool IsFirstFragment { get; }

    /// <summary>This frame ends its message: after its payload, the message is complete.</summary>
    public bool EndsMessage { get; }

    /// <summary>The message is permessage-deflate compressed (RSV1 was set on its first frame).</summary>
    public bool IsCompressed { get; }

    /// <summary>This frame's payload bytes.</summary>
    public long PayloadLength { get; }
}
