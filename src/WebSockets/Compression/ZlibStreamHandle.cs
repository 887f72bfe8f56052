using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MaoOcr.WebSockets.Compression;

/// <summary>
/// Owns one zlib stream in native memory: a <see cref="ZStream"/> for the system zlib, or a <see cref="PalZStream"/>
/// for .NET's zlib-ng, and the library's state behind it. Releasing calls the backend's end function and frees the
/// struct, also from the finalizer if the owner forgot to dispose. Not thread-safe: one stream serves one direction
/// of one connection.
/// </summary>
internal sealed unsafe class ZlibStreamHandle : SafeHandle
{
    private readonly bool _isDeflate;
    private readonly bool _isZlibNg;
    private readonly int _windowBits;
    private bool _initialized;

    private ZlibStreamHandle(bool isDeflate, ZlibBackend backend, int windowBits) : base(0, ownsHandle: true)
    {
        _isDeflate = isDeflate;
        _windowBits = windowBits;
        _isZlibNg = backend == ZlibBackend.DotNetZlibNg;
        SetHandle((nint)NativeMemory.AllocZeroed((nuint)(_isZlibNg ? sizeof(PalZStream) : sizeof(ZStream))));
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>The library this stream runs on.</summary>
    public ZlibBackend Backend => _isZlibNg ? ZlibBackend.DotNetZlibNg : ZlibBackend.System;

    /// <summary>The system zlib's stream, for what only it offers (inflate's dictionary functions); valid until disposed.</summary>
    public ZStream* Stream
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            Debug.Assert(!_isZlibNg, "Only the system zlib's stream is a z_stream.");
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return (ZStream*)handle;
        }
    }

    /// <summary>
    /// zlib's <c>data_type</c> after inflate: bit 128 means it stopped right after a block's end. On .NET's zlib-ng it is
    /// read from the shim's internal <c>z_stream</c>, which the shim does not copy out (see <see cref="PalZStream.InternalState"/>).
    /// </summary>
    public int DataType
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return _isZlibNg ? ((ZStream*)((PalZStream*)handle)->InternalState)->DataType : ((ZStream*)handle)->DataType;
        }
    }

    /// <summary>Input bytes not yet consumed.</summary>
    public uint AvailIn => _isZlibNg ? ((PalZStream*)handle)->AvailIn : ((ZStream*)handle)->AvailIn;

    /// <summary>Output room not yet filled.</summary>
    public uint AvailOut => _isZlibNg ? ((PalZStream*)handle)->AvailOut : ((ZStream*)handle)->AvailOut;

    /// <summary>zlib's <c>msg</c>, when it set one.</summary>
    public string? NativeMessage
    {
        get
        {
            byte* message = _isZlibNg ? ((PalZStream*)handle)->Msg : ((ZStream*)handle)->Msg;
            return message is null ? null : Marshal.PtrToStringUTF8((nint)message);
        }
    }

    /// <summary>Starts a raw deflate stream (no zlib header): negative windowBits, as zlib.h prescribes.</summary>
    /// <param name="level">1..9.</param>
    /// <param name="windowBits">9..15: zlib and zlib-ng refuse raw deflate with 8.</param>
    /// <param name="memoryLevel">1..9.</param>
    /// <param name="backend">The library to deflate with.</param>
    /// <exception cref="ZlibException">The library cannot be loaded or refuses the settings.</exception>
    public static ZlibStreamHandle CreateDeflate(int level, int windowBits, int memoryLevel, ZlibBackend backend)
    {
        if (backend == ZlibBackend.DotNetZlibNg)
        {
            var ng = new ZlibStreamHandle(isDeflate: true, backend, windowBits);
            ZlibStatus ngStatus = DotNetZlibNative.DeflateInit2((PalZStream*)ng.handle, level, ZlibNative.Deflated, -windowBits, memoryLevel, ZlibNative.DefaultStrategy);
            ng.CompleteInit(ngStatus, "CompressionNative_DeflateInit2_");
            return ng;
        }
        byte* version = ZlibLibrary.SystemVersionPointer; // loads zlib first, so a missing library leaves nothing to free
        var stream = new ZlibStreamHandle(isDeflate: true, backend, windowBits);
        ZlibStatus status = ZlibNative.DeflateInit2(stream.Stream, level, ZlibNative.Deflated, -windowBits, memoryLevel, ZlibNative.DefaultStrategy, version, sizeof(ZStream));
        stream.CompleteInit(status, "deflateInit2_");
        return stream;
    }

    /// <summary>Starts a raw inflate stream with a window of 2^windowBits bytes, 8..15.</summary>
    /// <exception cref="ZlibException">The library cannot be loaded or refuses the settings.</exception>
    public static ZlibStreamHandle CreateInflate(int windowBits, ZlibBackend backend)
    {
        if (backend == ZlibBackend.DotNetZlibNg)
        {
            var ng = new ZlibStreamHandle(isDeflate: false, backend, windowBits);
            ZlibStatus ngStatus = DotNetZlibNative.InflateInit2((PalZStream*)ng.handle, -windowBits);
            ng.CompleteInit(ngStatus, "CompressionNative_InflateInit2_");
            return ng;
        }
        byte* version = ZlibLibrary.SystemVersionPointer;
        var stream = new ZlibStreamHandle(isDeflate: false, backend, windowBits);
        ZlibStatus status = ZlibNative.InflateInit2(stream.Stream, -windowBits, version, sizeof(ZStream));
        stream.CompleteInit(status, "inflateInit2_");
        return stream;
    }

    /// <summary>Points the stream at the next input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetInput(byte* next, uint length)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        if (_isZlibNg)
        {
            ((PalZStream*)handle)->NextIn = next;
            ((PalZStream*)handle)->AvailIn = length;
        }
        else
        {
            ((ZStream*)handle)->NextIn = next;
            ((ZStream*)handle)->AvailIn = length;
        }
    }

    /// <summary>Points the stream at the next output room.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetOutput(byte* next, uint length)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        if (_isZlibNg)
        {
            ((PalZStream*)handle)->NextOut = next;
            ((PalZStream*)handle)->AvailOut = length;
        }
        else
        {
            ((ZStream*)handle)->NextOut = next;
            ((ZStream*)handle)->AvailOut = length;
        }
    }

    /// <summary>Forgets the caller's buffers, which are unpinned once the call that set them returns.</summary>
    public void ClearBuffers()
    {
        SetInput(null, 0);
        SetOutput(null, 0);
    }

    /// <summary>One <c>deflate</c> call on the buffers set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ZlibStatus Deflate(ZlibFlush flush)
    {
        Debug.Assert(_isDeflate);
        ObjectDisposedException.ThrowIf(IsClosed, this);
        return _isZlibNg ? DotNetZlibNative.Deflate((PalZStream*)handle, flush) : ZlibNative.Deflate((ZStream*)handle, flush);
    }

    /// <summary>One <c>inflate</c> call on the buffers set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ZlibStatus Inflate(ZlibFlush flush)
    {
        Debug.Assert(!_isDeflate);
        ObjectDisposedException.ThrowIf(IsClosed, this);
        return _isZlibNg ? DotNetZlibNative.Inflate((PalZStream*)handle, flush) : ZlibNative.Inflate((ZStream*)handle, flush);
    }

    /// <summary>Starts the inflate stream afresh, keeping its allocations and window size.</summary>
    public ZlibStatus InflateReset()
    {
        Debug.Assert(!_isDeflate);
        ObjectDisposedException.ThrowIf(IsClosed, this);
        return _isZlibNg ? DotNetZlibNative.InflateReset2((PalZStream*)handle, -_windowBits) : ZlibNative.InflateReset((ZStream*)handle);
    }

    /// <summary>The one status check: any negative status except <see cref="ZlibStatus.BufferError"/> throws.</summary>
    /// <remarks>Z_BUF_ERROR only means no progress was possible, which the loops expect; Z_DATA_ERROR from inflate is checked by the caller first.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ThrowIfFailed(ZlibStatus status, string function)
    {
        if (status < ZlibStatus.Ok && status != ZlibStatus.BufferError)
        {
            CompressionThrow.Zlib(status, function, NativeMessage);
        }
    }

    protected override bool ReleaseHandle()
    {
        if (_isZlibNg)
        {
            var pal = (PalZStream*)handle;
            if (pal->InternalState is not null)
            {
                // The shim allocates its z_stream before zlib-ng's init, and frees it only here, even when the init failed.
                _ = _isDeflate ? DotNetZlibNative.DeflateEnd(pal) : DotNetZlibNative.InflateEnd(pal);
            }
        }
        else if (_initialized)
        {
            // deflateEnd reports Z_DATA_ERROR when a message was cut short; the memory is freed all the same.
            var stream = (ZStream*)handle;
            _ = _isDeflate ? ZlibNative.DeflateEnd(stream) : ZlibNative.InflateEnd(stream);
        }
        NativeMemory.Free((void*)handle);
        return true;
    }

    private void CompleteInit(ZlibStatus status, string function)
    {
        if (status != ZlibStatus.Ok)
        {
            // zlib freed whatever it had allocated; what is left, Dispose frees.
            string? message = NativeMessage;
            Dispose();
            CompressionThrow.Zlib(status, function, message);
        }
        _initialized = true;
    }
}
