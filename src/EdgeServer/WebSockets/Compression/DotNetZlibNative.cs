using System.Runtime.InteropServices;

namespace MaoOcr.EdgeServer.WebSockets.Compression;

/// <summary>
/// The deflate entry points of .NET's own native compression shim, which wraps the zlib-ng it bundles (zlib-ng 2.2.5
/// in .NET 10.0.12). Under the JIT the runtime finds <c>libSystem.IO.Compression.Native.so</c> in the shared
/// framework; in the Native AOT binary the ILCompiler links <c>libSystem.IO.Compression.Native.a</c> in and declares
/// the module a DirectPInvoke, so these become direct calls. .NET 10's shim exports no deflateReset, no zlibVersion
/// and no inflate dictionary functions, and hides <c>data_type</c>, which is why inflation stays on the system zlib
/// (<see cref="MessageInflater"/>) and no_context_takeover resets with a full flush (<see cref="MessageDeflater"/>).
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
}
