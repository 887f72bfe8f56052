namespace MaoOcr.WebSockets.Handshake;

/// <summary>
/// Limits on the request head our connection middleware parses before Kestrel sees the connection, validated when
/// set in the manner of Kestrel's <c>KestrelServerLimits</c>. Each default says where it comes from.
/// </summary>
internal sealed class RequestHeadLimits
{
    /// <summary>32 KiB: Kestrel's <c>KestrelServerLimits.MaxRequestHeadersTotalSize</c> default.</summary>
    public const int DefaultMaxHeadBytes = 32 * 1024;

    /// <summary>100: Kestrel's <c>KestrelServerLimits.MaxRequestHeaderCount</c> default.</summary>
    public const int DefaultMaxHeaderCount = 100;

    private int _maxHeadBytes = DefaultMaxHeadBytes;
    private int _maxHeaderCount = DefaultMaxHeaderCount;

    /// <summary>
    /// Most bytes of the whole head, request line and final empty line included, at least 64. Default
    /// <see cref="DefaultMaxHeadBytes"/>. Kestrel counts the request line apart (its <c>MaxRequestLineSize</c>, 8 KiB),
    /// so ours is the stricter by the length of the request line, which an upgrade to a short path keeps small.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 64.</exception>
    public int MaxHeadBytes
    {
        get => _maxHeadBytes;
        set => _maxHeadBytes = (int)WebSocketThrow.IfOutOfRange(value, 64, int.MaxValue, nameof(MaxHeadBytes));
    }

    /// <summary>Most header fields, repeated names counted each time, at least 1. Default <see cref="DefaultMaxHeaderCount"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public int MaxHeaderCount
    {
        get => _maxHeaderCount;
        set => _maxHeaderCount = (int)WebSocketThrow.IfOutOfRange(value, 1, int.MaxValue, nameof(MaxHeaderCount));
    }
}
