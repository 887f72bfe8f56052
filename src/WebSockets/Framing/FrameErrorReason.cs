namespace MaoOcr.WebSockets.Framing;

/// <summary>
/// Why a received frame, fragment sequence or payload was refused. Each reason maps to the close status the
/// connection is failed with (see <see cref="FrameError.CloseStatus"/>).
/// </summary>
internal enum FrameErrorReason
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>A client frame arrived without the MASK bit; a server must fail the connection (§5.1). 1002.</summary>
    UnmaskedClientFrame,

    /// <summary>A server frame arrived with the MASK bit; a client must fail the connection (§5.1). 1002.</summary>
    MaskedServerFrame,

    /// <summary>RSV2 or RSV3 is set, or RSV1 without an extension that defines it (§5.2). 1002.</summary>
    ReservedBitSet,

    /// <summary>RSV1 on a control frame; permessage-deflate never compresses them (RFC 7692 §6.1). 1002.</summary>
    CompressedControlFrame,

    /// <summary>RSV1 on a continuation frame; only the first frame of a message carries it (RFC 7692 §6.1). 1002.</summary>
    CompressedContinuation,

    /// <summary>Opcode 0x3–0x7 or 0xB–0xF, which no extension defines (§5.2). 1002.</summary>
    ReservedOpcode,

    /// <summary>A control frame without FIN; control frames are never fragmented (§5.5). 1002.</summary>
    FragmentedControlFrame,

    /// <summary>A control frame with more than 125 payload bytes (§5.5). 1002.</summary>
    ControlFrameTooLong,

    /// <summary>A length in the 16- or 64-bit form that fits a shorter form; "the minimal number of bytes MUST be used" (§5.2). 1002.</summary>
    NonMinimalLength,

    /// <summary>A 64-bit length with its most significant bit set, which §5.2 forbids. 1002.</summary>
    PayloadLengthOverflow,

    /// <summary>A data frame longer than the frame limit. 1009.</summary>
    FrameTooBig,

    /// <summary>A continuation frame with no fragmented message in progress (§5.4). 1002.</summary>
    UnexpectedContinuation,

    /// <summary>A new Text or Binary frame while a fragmented message is in progress; messages do not interleave (§5.4). 1002.</summary>
    ExpectedContinuation,

    /// <summary>A message of more fragments than the fragment limit. 1009.</summary>
    TooManyFragments,

    /// <summary>A message longer than the message limit. 1009.</summary>
    MessageTooBig,

    /// <summary>A text message (or close reason) that is not valid UTF-8 (§8.1). 1007.</summary>
    InvalidUtf8,

    /// <summary>A close payload of exactly one byte: too short for a status code (§5.5.1). 1002.</summary>
    TruncatedCloseStatus,

    /// <summary>A close status code that may not appear on the wire (§7.4). 1002.</summary>
    InvalidCloseStatus,

    /// <summary>A close reason that is not valid UTF-8 (§5.5.1). 1007.</summary>
    InvalidCloseReason,
}
