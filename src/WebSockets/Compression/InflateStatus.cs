namespace MaoOcr.WebSockets.Compression;

/// <summary>What <see cref="MessageInflater"/> made of a compressed payload.</summary>
public enum InflateStatus
{
    /// <summary>All input was inflated; when it ended the message, the message is complete.</summary>
    Ok,

    /// <summary>
    /// The inflated message grew past the caller's limit; inflation stopped at the limit plus one byte.
    /// Close with 1009 (RFC 6455 §7.4.1, "message too big to process").
    /// </summary>
    MessageTooBig,

    /// <summary>
    /// The payload is not valid DEFLATE, or the message did not end on a block boundary (cut short).
    /// Close with 1002, protocol error: see <see cref="InflateStatusExtensions.CloseStatusCode"/>.
    /// </summary>
    CorruptData,
}
