using System.Runtime.InteropServices;

namespace MaoOcr.WebSockets.Compression;

/// <summary>
/// The system zlib's entry points we use. System.IO.Compression cannot choose the window size, which RFC 7692
/// negotiates, so we bind zlib directly: .NET's zlib-ng when it can be used (<see cref="DotNetZlibNative"/>), this
/// one as the fallback. <c>libz.so.1</c> is the soname on Debian, Ubuntu and
/// JetPack. <see cref="LibraryImportAttribute"/> generates the stubs at compile time: with pointer and
/// integer arguments only there is no marshalling, and nothing for the AOT compiler to miss.
/// </summary>
internal static unsafe partial class ZlibNative
{
    private const string LibraryName = "libz.so.1";

    /// <summary>zlib.h <c>Z_DEFLATED</c>, the only method.</summary>
    public const int Deflated = 8;

    /// <summary>zlib.h <c>Z_DEFAULT_STRATEGY</c>.</summary>
    public const int DefaultStrategy = 0;

    [LibraryImport(LibraryName, EntryPoint = "zlibVersion")]
    public static partial byte* ZlibVersion();

    [LibraryImport(LibraryName, EntryPoint = "deflateInit2_")]
    public static partial ZlibStatus DeflateInit2(ZStream* stream, int level, int method, int windowBits, int memLevel, int strategy, byte* version, int streamSize);

    [LibraryImport(LibraryName, EntryPoint = "deflate")]
    public static partial ZlibStatus Deflate(ZStream* stream, ZlibFlush flush);

    [LibraryImport(LibraryName, EntryPoint = "deflateEnd")]
    public static partial ZlibStatus DeflateEnd(ZStream* stream);

    [LibraryImport(LibraryName, EntryPoint = "inflateInit2_")]
    public static partial ZlibStatus InflateInit2(ZStream* stream, int windowBits, byte* version, int streamSize);

    [LibraryImport(LibraryName, EntryPoint = "inflate")]
    public static partial ZlibStatus Inflate(ZStream* stream, ZlibFlush flush);

    [LibraryImport(LibraryName, EntryPoint = "inflateReset")]
    public static partial ZlibStatus InflateReset(ZStream* stream);

    [LibraryImport(LibraryName, EntryPoint = "inflateEnd")]
    public static partial ZlibStatus InflateEnd(ZStream* stream);

    /// <summary>zlib ≥ 1.2.7.1. Used only when a peer ends a message with a final block (RFC 7692 §7.2.3.4).</summary>
    [LibraryImport(LibraryName, EntryPoint = "inflateGetDictionary")]
    public static partial ZlibStatus InflateGetDictionary(ZStream* stream, byte* dictionary, uint* dictionaryLength);

    [LibraryImport(LibraryName, EntryPoint = "inflateSetDictionary")]
    public static partial ZlibStatus InflateSetDictionary(ZStream* stream, byte* dictionary, uint dictionaryLength);
}
