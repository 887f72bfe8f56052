namespace MaoOcr.WebSockets.Handshake;

/// <summary>The outcome of parsing an HTTP/1.1 request head.</summary>
internal enum RequestHeadParseStatus
{
    /// <summary>The whole head, through its empty line, was read; the reader was advanced past it.</summary>
    Complete,

    /// <summary>The bytes so far are a valid start of a head but end before its empty line; nothing was consumed.</summary>
    NeedMoreData,

    /// <summary>The bytes break a rule of RFC 9112 or a limit; the error says which. Nothing was consumed.</summary>
    Invalid,
}
