namespace MaoOcr.WebSockets.Handshake;

/// <summary>Why a request head was refused by <see cref="RequestHeadParser"/>.</summary>
internal enum RequestHeadError
{
    /// <summary>No error.</summary>
    None,

    /// <summary>The head is longer than <see cref="RequestHeadLimits.MaxHeadBytes"/>.</summary>
    HeadTooLarge,

    /// <summary>More header fields than <see cref="RequestHeadLimits.MaxHeaderCount"/>.</summary>
    TooManyHeaders,

    /// <summary>A line ends in LF without CR, or holds a CR that does not end it (RFC 9112 §2.2; we are strict).</summary>
    BareLineEnding,

    /// <summary>The request line is not <c>method SP request-target SP HTTP-version</c> (RFC 9112 §3).</summary>
    InvalidRequestLine,

    /// <summary>A header line starts with whitespace: obsolete line folding (RFC 9112 §5.2).</summary>
    ObsoleteLineFolding,

    /// <summary>A field name is empty or holds a character outside <c>tchar</c> (RFC 9110 §5.1).</summary>
    InvalidHeaderName,

    /// <summary>Whitespace between a field name and its colon (RFC 9112 §5.1: must be refused with 400).</summary>
    WhitespaceBeforeColon,

    /// <summary>A header line has no colon.</summary>
    MissingColon,

    /// <summary>A field value holds a control character (RFC 9110 §5.5).</summary>
    InvalidHeaderValue,
}
