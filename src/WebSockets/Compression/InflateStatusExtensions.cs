namespace MaoOcr.WebSockets.Compression;

/// <summary>Maps an <see cref="InflateStatus"/> to the close status the connection should fail with.</summary>
public static class InflateStatusExtensions
{
    /// <summary>
    /// The close status for a refused message (RFC 6455 §7.4.1); 0 for <see cref="InflateStatus.Ok"/>.
    /// RFC 7692 names no status for undecodable compressed data; it only defines the payload as DEFLATE data
    /// (§7.2.2), so a payload that is not is a violation of the negotiated extension, a protocol error (1002).
    /// Python websockets closes with 1002 too; ws uses 1007, which RFC 6455 keeps for data that does not match the
    /// message type, such as invalid UTF-8 in a text message (this layer's caller checks that after inflating).
    /// </summary>
    public static ushort CloseStatusCode(this InflateStatus status) => status switch
    {
        InflateStatus.MessageTooBig => CloseStatusCodes.MessageTooBig,
        InflateStatus.CorruptData => CloseStatusCodes.ProtocolError,
        _ => 0,
    };
}
