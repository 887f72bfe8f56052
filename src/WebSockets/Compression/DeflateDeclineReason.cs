namespace MaoOcr.WebSockets.Compression;

/// <summary>Why no permessage-deflate offer was accepted. For an invalid offer, the reason is the first invalid offer's.</summary>
public enum DeflateDeclineReason
{
    /// <summary>An offer was accepted.</summary>
    None,

    /// <summary><see cref="DeflateOptions.Enabled"/> is false.</summary>
    Disabled,

    /// <summary>The client offered no permessage-deflate.</summary>
    NotOffered,

    /// <summary>The offer breaks the header grammar (RFC 6455 §9.1, RFC 7230 §3.2.6).</summary>
    MalformedOffer,

    /// <summary>The offer has a parameter RFC 7692 §7.1 does not define (RFC 7692 §7: decline such offers).</summary>
    UnknownParameter,

    /// <summary>The offer names a parameter twice (RFC 7692 §7: decline such offers).</summary>
    DuplicateParameter,

    /// <summary>
    /// A parameter has a value it must not have, or lacks one it needs, or the value is not a decimal 8..15
    /// without leading zeros (RFC 7692 §7.1.2.1, §7.1.2.2).
    /// </summary>
    InvalidParameterValue,
}
