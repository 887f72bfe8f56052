using System.Runtime.InteropServices;

namespace MaoOcr.WebSockets.Compression;

/// <summary>
/// The zlib entry points of .NET's own native compression shim, which wraps the zlib-ng it bundles (zlib-ng 2.2.5
/// in .NET 10.0.12). Under the JIT the runtime finds <c>libSystem.IO.Compression.Native.so</c> in the shared
/// framework; in the Native AOT binary the ILCompiler links <c>libSystem.IO.Compression.Native.a</c> in and declares
/// the module a DirectPInvoke, so these become direct calls. .NET 10's shim exports no deflateReset, no zlibVersion
/// and no inflate dictionary functions, and does not copy <c>data_type</c> out: no_context_takeover resets with a full
/// flush (<see cref="MessageDeflater"/>), <see cref="MessageInflater"/> keeps its own copy of the window for the rare
/// final block, and <c>data_type</c> is read from the shim's <c>z_stream</c> (<see cref="ZlibStreamHandle.DataType"/>).
/// The system zlib (<see cref="ZlibNative"/>) is the fallback when this library is missing or fails the load-time probe.
/// Its flush and return codes are zlib's: the shim passes them through.
/// </summary>
internal static unsafe partial class DotNetZlibNative
{
    private const string LibraryName = "libSystem.IO.Compression.Native";

    [LibraryImport(LibraryName, EntryPoint = "CompressionNative_DeflateInit2_")]
    public static partial ZlibStatus DeflateInit2(PalZStream* stream, int level, int method, int windowBits, int memLevel, int strategy);

    [LibraryImport(LibraryName, EntryPoint = "CompressionNative_Deflate")]
    public static partial ZlibStatus Deflate(PalZStream* stream, ZlibFlush flush);

    [LibraryImport(LibraryName, EntryPoint = "CompressionNative_DeflateEnd")]
    public static partial ZlibStatus DeflateEnd(PalZStream* stream);

    [LibraryImport(LibraryName, EntryPoint = "CompressionNative_InflateInit2_")]
    public static partial ZlibStatus InflateInit2(PalZStream* stream, int windowBits);

    [LibraryImport(LibraryName, EntryPoint = "CompressionNative_Inflate")]
    public static partial ZlibStatus Inflate(PalZStream* stream, ZlibFlush flush);

    /// <summary>inflateReset2: the shim's only reset, which takes the window again.</summary>
    [LibraryImport(LibraryName, EntryPoint = "CompressionNative_InflateReset2_")]
    public static partial ZlibStatus InflateReset2(PalZStream* stream, int windowBits);

    [LibraryImport(LibraryName, EntryPoint = "CompressionNative_InflateEnd")]
    public static partial ZlibStatus InflateEnd(PalZStream* stream);
}
