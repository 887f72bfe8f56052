namespace MaoOcr.WebSockets.Compression;

/// <summary>The names and numbers of RFC 7692 (Compression Extensions for WebSocket) that the code refers to.</summary>
public static class PerMessageDeflate
{
    /// <summary>The extension token in <c>Sec-WebSocket-Extensions</c> (RFC 7692 §7).</summary>
    public const string ExtensionName = "permessage-deflate";

    /// <summary>RFC 7692 §7.1.1.1: the server resets its compressor for every message.</summary>
    public const string ServerNoContextTakeover = "server_no_context_takeover";

    /// <summary>RFC 7692 §7.1.1.2: the client resets its compressor for every message.</summary>
    public const string ClientNoContextTakeover = "client_no_context_takeover";

    /// <summary>RFC 7692 §7.1.2.1: the largest LZ77 window, as a base-2 logarithm, the server may compress with.</summary>
    public const string ServerMaxWindowBits = "server_max_window_bits";

    /// <summary>RFC 7692 §7.1.2.2: the largest LZ77 window, as a base-2 logarithm, the client may compress with.</summary>
    public const string ClientMaxWindowBits = "client_max_window_bits";

    /// <summary>Smallest window-bits value a peer may name (RFC 7692 §7.1.2.1: "between 8 to 15, inclusive").</summary>
    public const int MinWindowBits = 8;

    /// <summary>Largest window-bits value, and the value in force when none was negotiated (a 32 KiB window, DEFLATE's limit).</summary>
    public const int MaxWindowBits = 15;

    /// <summary>Length of the <see cref="SyncFlushTrailer"/>.</summary>
    public const int SyncFlushTrailerLength = 4;

    /// <summary>
    /// LEN and NLEN of the empty stored block that ends a sync flush. RFC 7692 §7.2.1 has the sender remove
    /// these 4 octets from every compressed message and §7.2.2 has the receiver append them again.
    /// </summary>
    public static ReadOnlySpan<byte> SyncFlushTrailer => [0x00, 0x00, 0xFF, 0xFF];

    /// <summary>
    /// The whole payload of an empty compressed message: the 3 header bits of an empty, non-final stored block,
    /// padded to an octet. With <see cref="SyncFlushTrailer"/> appended it is a complete block (RFC 7692 §7.2.3.6).
    /// </summary>
    public const byte EmptyMessagePayload = 0x00;
}
