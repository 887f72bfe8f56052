namespace MaoOcr.WebSockets.Compression;

/// <summary>
/// One side's permessage-deflate settings. Each setter checks its range and throws
/// <see cref="ArgumentOutOfRangeException"/> naming the property; each default says where it comes from.
/// </summary>
/// <remarks>
/// The properties are written from the server's side (<see cref="DeflateNegotiation"/>). A client
/// (<see cref="Handshake.WebSocketClientHandshake"/>) reads them as its offer: <see cref="Enabled"/> offers the extension,
/// <see cref="ServerNoContextTakeover"/> and <see cref="ServerMaxWindowBits"/> (below 15) ask the server for them,
/// <see cref="ClientNoContextTakeover"/> and <see cref="ClientMaxWindowBits"/> (below 15) bind the client itself, and the
/// level, memory level and threshold are its compressor's.
/// </remarks>
public sealed class DeflateOptions
{
    /// <summary>zlib's <c>Z_DEFAULT_COMPRESSION</c> level, which ws and Python websockets also use.</summary>
    public const int DefaultCompressionLevel = 6;

    /// <summary>zlib's <c>DEF_MEM_LEVEL</c> (deflate's hash table of 2^(8+7) entries), ws's default too.</summary>
    public const int DefaultMemoryLevel = 8;

    /// <summary>ws's <c>threshold</c> default: payloads under 1 KiB rarely shrink by more than the CPU they cost.</summary>
    public const int DefaultCompressionThreshold = 1024;

    /// <summary>
    /// The smallest client window this server asks for. 8 is legal in RFC 7692 but clients built on zlib
    /// ≥ 1.2.9 cannot compress raw DEFLATE with it: bun closed with 1011 (oven-sh/bun#38632) and Python
    /// websockets crashed (python-websockets/websockets#941) when a server answered
    /// <c>client_max_window_bits=8</c>. So we never ask for it.
    /// </summary>
    public const int MinRequestedClientWindowBits = 9;

    private int _serverMaxWindowBits = PerMessageDeflate.MaxWindowBits;
    private int _clientMaxWindowBits = PerMessageDeflate.MaxWindowBits;
    private int _compressionLevel = DefaultCompressionLevel;
    private int _memoryLevel = DefaultMemoryLevel;
    private int _compressionThreshold = DefaultCompressionThreshold;

    /// <summary>Whether permessage-deflate offers are accepted at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Reset the server's compressor for every message even when the client did not ask for it, trading
    /// ratio for a compressor that holds no message history between sends. Default false (ws and websockets).
    /// </summary>
    public bool ServerNoContextTakeover { get; set; }

    /// <summary>Ask every client to reset its compressor for every message. Default false (ws and websockets).</summary>
    public bool ClientNoContextTakeover { get; set; }

    /// <summary>
    /// The largest window, as a base-2 logarithm, the server compresses with: 8..15. A client's
    /// <c>server_max_window_bits</c> can only lower it. Default 15, RFC 7692's own default and ws's.
    /// The compressor's memory is about 2^(bits+2) + 2^(memory level+9) bytes: 256 KiB at 15 and 8.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 8..15.</exception>
    public int ServerMaxWindowBits
    {
        get => _serverMaxWindowBits;
        set => _serverMaxWindowBits = CompressionThrow.IfOutOfRange(value, PerMessageDeflate.MinWindowBits, PerMessageDeflate.MaxWindowBits, nameof(ServerMaxWindowBits));
    }

    /// <summary>
    /// The window, as a base-2 logarithm, the server asks clients that support <c>client_max_window_bits</c>
    /// to stay within: 9..15 (see <see cref="MinRequestedClientWindowBits"/>). 15 asks nothing. Default 15:
    /// the server inflates with a 32 KiB window anyway, so a smaller client window only saves the client memory.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 9..15.</exception>
    public int ClientMaxWindowBits
    {
        get => _clientMaxWindowBits;
        set => _clientMaxWindowBits = CompressionThrow.IfOutOfRange(value, MinRequestedClientWindowBits, PerMessageDeflate.MaxWindowBits, nameof(ClientMaxWindowBits));
    }

    /// <summary>zlib compression level, 1 (fastest) .. 9 (smallest). Default <see cref="DefaultCompressionLevel"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1..9.</exception>
    public int CompressionLevel
    {
        get => _compressionLevel;
        set => _compressionLevel = CompressionThrow.IfOutOfRange(value, 1, 9, nameof(CompressionLevel));
    }

    /// <summary>zlib memory level, 1..9: larger is faster and compresses a little better. Default <see cref="DefaultMemoryLevel"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1..9.</exception>
    public int MemoryLevel
    {
        get => _memoryLevel;
        set => _memoryLevel = CompressionThrow.IfOutOfRange(value, 1, 9, nameof(MemoryLevel));
    }

    /// <summary>
    /// Messages of at least this many payload bytes are compressed; smaller ones are sent as they are
    /// (RSV1 clear), which RFC 7692 §6 allows per message. 0 compresses everything. Default <see cref="DefaultCompressionThreshold"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int CompressionThreshold
    {
        get => _compressionThreshold;
        set => _compressionThreshold = CompressionThrow.IfOutOfRange(value, 0, int.MaxValue, nameof(CompressionThreshold));
    }
}
