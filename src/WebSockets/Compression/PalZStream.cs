using System.Runtime.InteropServices;

namespace MaoOcr.WebSockets.Compression;

/// <summary>
/// <c>PAL_ZStream</c> of dotnet/runtime's src/native/libs/System.IO.Compression.Native/pal_zlib.h, field for field:
/// the shim copies these in and out of the real <c>z_stream</c> it keeps behind <see cref="InternalState"/> around
/// every call. 40 bytes on 64-bit. The shim's init functions take no size to check, so this layout is the contract;
/// the round-trip tests on this backend would fail at once if it were wrong. Native memory, like <see cref="ZStream"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PalZStream
{
    public byte* NextIn;
    public byte* NextOut;
    public byte* Msg;

    /// <summary>
    /// The shim's own <c>z_stream</c> (zlib-ng built zlib-compatible: zlib's layout, our <see cref="ZStream"/>). We read
    /// one field of it, <c>data_type</c>, which the shim does not copy out, and only once the load-time probe has seen it
    /// report a block end where one is (<see cref="ZlibLibrary.Backend"/>).
    /// </summary>
    public void* InternalState;

    public uint AvailIn;
    public uint AvailOut;
}
