using System.Runtime.InteropServices;

namespace MaoOcr.WebSockets.Compression;

/// <summary>
/// zlib's <c>z_stream</c>, field for field in zlib.h order. <c>uInt</c> is 32-bit; <c>uLong</c> is C
/// <c>unsigned long</c>, which <see cref="CULong"/> models (64-bit on 64-bit Linux, so the struct is 112 bytes
/// there). zlib checks the size we pass to its init functions, so a wrong layout fails with
/// <c>Z_VERSION_ERROR</c> instead of corrupting memory. It lives in native memory (<see cref="ZlibStreamHandle"/>)
/// because zlib keeps a pointer to it in its own state: the GC must never move it.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ZStream
{
    public byte* NextIn;
    public uint AvailIn;
    public CULong TotalIn;
    public byte* NextOut;
    public uint AvailOut;
    public CULong TotalOut;
    public byte* Msg;
    public void* State;
    public void* ZAlloc;
    public void* ZFree;
    public void* Opaque;
    public int DataType;
    public CULong Adler;
    public CULong Reserved;
}
