using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace MaoOcr.WebSockets.Framing;

/// <summary>
/// Masking keys for a client's frames. RFC 6455 §5.3: a fresh key for every frame, "derived from a strong source of
/// entropy", so that no frame's key tells a proxy the next one's. Keys come from <see cref="RandomNumberGenerator"/>, as
/// ManagedWebSocket's do, drawn <see cref="KeysPerDraw"/> at a time so that a frame costs no call into the OS; each key is
/// independent of the others, so holding the next ones in memory makes none of them easier to predict from the wire.
/// </summary>
/// <remarks>Not thread-safe: one per connection, used under its write lock.</remarks>
internal sealed class MaskKeySource
{
    /// <summary>Keys drawn from the generator at once: 256 bytes, one small call per 64 frames.</summary>
    public const int KeysPerDraw = 64;

    private readonly byte[] _keys = new byte[KeysPerDraw * WebSocketConstants.MaskLength];
    private int _next = KeysPerDraw * WebSocketConstants.MaskLength;

    /// <summary>The next key, in machine byte order as <see cref="FrameHeader.MaskKey"/> holds it; any value, 0 included.</summary>
    public uint Next()
    {
        if (_next == _keys.Length)
        {
            RandomNumberGenerator.Fill(_keys);
            _next = 0;
        }
        uint key = MemoryMarshal.Read<uint>(_keys.AsSpan(_next, WebSocketConstants.MaskLength));
        _next += WebSocketConstants.MaskLength;
        return key;
    }
}
