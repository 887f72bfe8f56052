namespace MaoOcr.WebSockets.Framing;

/// <summary>The outcome of parsing a frame header.</summary>
internal enum FrameParseStatus
{
    /// <summary>A whole, valid header was read and the reader advanced past it.</summary>
    Complete,

    /// <summary>The bytes so far are a valid start of a header but not all of it; nothing was consumed.</summary>
    NeedMoreData,

    /// <summary>The header breaks a rule; the error says which and with what status to close. Nothing was consumed.</summary>
    Invalid,
}
