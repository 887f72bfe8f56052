using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MaoOcr.EdgeServer.WebSockets.Compression;

/// <summary>
/// Owns one zlib stream: the <see cref="ZStream"/> in native memory and zlib's state behind it. Releasing
/// calls <c>deflateEnd</c> or <c>inflateEnd</c> and frees the struct, also from the finalizer if the owner
/// forgot to dispose. Not thread-safe: one stream serves one direction of one connection.
/// </summary>
internal sealed unsafe class ZlibStreamHandle : SafeHandle
{
    private readonly bool _isDeflate;
    private bool _initialized;

    private ZlibStreamHandle(bool isDeflate) : base(0, ownsHandle: true)
    {
        _isDeflate = isDeflate;
        SetHandle((nint)NativeMemory.AllocZeroed((nuint)sizeof(ZStream)));
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>The stream; valid until the handle is disposed.</summary>
    public ZStream* Stream
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return (ZStream*)handle;
        }
    }

    /// <summary>Starts a raw deflate stream (no zlib header): negative windowBits, as zlib.h prescribes.</summary>
    /// <param name="level">1..9.</param>
    /// <param name="windowBits">9..15: zlib refuses raw deflate with 8.</param>
    /// <param name="memoryLevel">1..9.</param>
    /// <exception cref="ZlibException">zlib cannot be loaded or refuses the settings.</exception>
    public static ZlibStreamHandle CreateDeflate(int level, int windowBits, int memoryLevel)
    {
        byte* version = ZlibLibrary.VersionPointer; // loads zlib first, so a missing library leaves nothing to free
        var stream = new ZlibStreamHandle(isDeflate: true);
        ZlibStatus status = ZlibNative.DeflateInit2(stream.Stream, level, ZlibNative.Deflated, -windowBits, memoryLevel, ZlibNative.DefaultStrategy, version, sizeof(ZStream));
        stream.CompleteInit(status, "deflateInit2_");
        return stream;
    }

    /// <summary>Starts a raw inflate stream with a window of 2^windowBits bytes, 8..15.</summary>
    /// <exception cref="ZlibException">zlib cannot be loaded or refuses the settings.</exception>
    public static ZlibStreamHandle CreateInflate(int windowBits)
    {
        byte* version = ZlibLibrary.VersionPointer;
        var stream = new ZlibStreamHandle(isDeflate: false);
        ZlibStatus status = ZlibNative.InflateInit2(stream.Stream, -windowBits, version, sizeof(ZStream));
        stream.CompleteInit(status, "inflateInit2_");
        return stream;
    }

    /// <summary>The one status check: any negative status except <see cref="ZlibStatus.BufferError"/> throws.</summary>
    /// <remarks>Z_BUF_ERROR only means no progress was possible, which the loops expect; Z_DATA_ERROR from inflate is checked by the caller first.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ThrowIfFailed(ZlibStatus status, string function)
    {
        if (status < ZlibStatus.Ok && status != ZlibStatus.BufferError)
        {
            CompressionThrow.Zlib(status, function, (ZStream*)handle);
        }
    }

    protected override bool ReleaseHandle()
    {
        var stream = (ZStream*)handle;
        if (_initialized)
        {
            // deflateEnd reports Z_DATA_ERROR when a message was cut short; the memory is freed all the same.
            _ = _isDeflate ? ZlibNative.DeflateEnd(stream) : ZlibNative.InflateEnd(stream);
        }
        NativeMemory.Free(stream);
        return true;
    }

    private void CompleteInit(ZlibStatus status, string function)
    {
        if (status != ZlibStatus.Ok)
        {
            // zlib freed whatever it had allocated; only our struct is left, which Dispose frees.
            string? message = ((ZStream*)handle)->Msg is null ? null : Marshal.PtrToStringUTF8((nint)((ZStream*)handle)->Msg);
            Dispose();
            CompressionThrow.Zlib(status, function, message);
        }
        _initialized = true;
    }
}
