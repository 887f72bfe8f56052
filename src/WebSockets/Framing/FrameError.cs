namespace MaoOcr.WebSockets.Framing;

/// <summary>
/// A refusal: the reason, and the close status the connection is failed with (RFC 6455 §7.1.7). Returned, never
/// thrown: bad input from a peer is not exceptional.
/// </summary>
internal readonly struct FrameError
{
    /// <summary>Creates the error for <paramref name="reason"/>.</summary>
    public FrameError(FrameErrorReason reason) => Reason = reason;

    /// <summary>Why the input was refused; <see cref="FrameErrorReason.None"/> for the default value.</summary>
    public FrameErrorReason Reason { get; }

    /// <summary>
    /// The status code to send in our close frame: 1002 for protocol violations, 1007 for invalid UTF-8, 1009 for
    /// exceeded size limits; 0 when <see cref="Reason"/> is <see cref="FrameErrorReason.None"/>.
    /// </summary>
    public ushort CloseStatus => Reason switch
    {
        FrameErrorReason.None => 0,
        FrameErrorReason.FrameTooBig or FrameErrorReason.TooManyFragments or FrameErrorReason.MessageTooBig => CloseStatusCodes.MessageTooBig,
        FrameErrorReason.InvalidUtf8 or FrameErrorReason.InvalidCloseReason => CloseStatusCodes.InvalidPayloadData,
        _ => CloseStatusCodes.ProtocolError,
    };

    /// <summary>A fixed English sentence for logs; the same string instance every time, so logging it allocates nothing.</summary>
    public string Description => Reason switch
    {
        FrameErrorReason.None => "No error.",
        FrameErrorReason.UnmaskedClientFrame => "A client frame was not masked.",
        FrameErrorReason.MaskedServerFrame => "A server frame was masked.",
        FrameErrorReason.ReservedBitSet => "A reserved bit (RSV1-3) was set that no negotiated extension defines.",
        FrameErrorReason.CompressedControlFrame => "A control frame had RSV1 set.",
        FrameErrorReason.CompressedContinuation => "A continuation frame had RSV1 set.",
        FrameErrorReason.ReservedOpcode => "The frame used a reserved opcode.",
        FrameErrorReason.FragmentedControlFrame => "A control frame was fragmented.",
        FrameErrorReason.ControlFrameTooLong => "A control frame carried more than 125 bytes.",
        FrameErrorReason.NonMinimalLength => "The payload length was not in its minimal encoding.",
        FrameErrorReason.PayloadLengthOverflow => "The 64-bit payload length had its most significant bit set.",
        FrameErrorReason.FrameTooBig => "A frame exceeded the frame size limit.",
        FrameErrorReason.UnexpectedContinuation => "A continuation frame arrived with no message in progress.",
        FrameErrorReason.ExpectedContinuation => "A new data message started before the fragmented one in progress ended.",
        FrameErrorReason.TooManyFragments => "A message exceeded the fragment limit.",
        FrameErrorReason.MessageTooBig => "A message exceeded the message size limit.",
        FrameErrorReason.InvalidUtf8 => "A text message was not valid UTF-8.",
        FrameErrorReason.TruncatedCloseStatus => "A close frame carried a 1-byte payload.",
        FrameErrorReason.InvalidCloseStatus => "A close frame carried a status code not allowed on the wire.",
        FrameErrorReason.InvalidCloseReason => "A close frame's reason was not valid UTF-8.",
        _ => "Unknown frame error.",
    };

    /// <inheritdoc/>
    public override string ToString() => $"{Reason} ({CloseStatus}): {Description}";
}
