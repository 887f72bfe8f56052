using System.Runtime.InteropServices;

namespace MaoOcr.EdgeServer.WebSockets.Compression;

/// <summary>Loads the system zlib once and says which one it is.</summary>
internal static unsafe class ZlibLibrary
{
    private static string? s_version;

    /// <summary>
    /// zlib's version string, e.g. "1.2.13", or "1.3.1.zlib-ng" for zlib-ng's compatible build (Fedora ships that as libz.so.1).
    /// </summary>
    /// <exception cref="ZlibException">libz.so.1 cannot be loaded, or its major version is not 1.</exception>
    public static string Version => s_version ??= Load();

    /// <summary>
    /// zlib-ng 2.0.x ignored windowBits below 13 at level 1 (zlib-ng/zlib-ng#1417, fixed by #1431), which would
    /// break a negotiated window; its compatible build is recognised by its version string.
    /// </summary>
    public static bool IsZlibNg => Version.Contains("zlib-ng", StringComparison.Ordinal);

    /// <summary>
    /// The version pointer the init functions want. They only compare its first character with their own, so
    /// passing the library's own string is always accepted; the layout check is the struct size we pass.
    /// </summary>
    public static byte* VersionPointer
    {
        get
        {
            _ = Version;
            return ZlibNative.ZlibVersion();
        }
    }

    private static string Load()
    {
        byte* version = null;
        try
        {
            version = ZlibNative.ZlibVersion();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            CompressionThrow.ZlibUnavailable(e);
        }
        string text = Marshal.PtrToStringUTF8((nint)version) ?? "";
        if (!text.StartsWith('1'))
        {
            CompressionThrow.ZlibUnsupported(text);
        }
        return text;
    }
}
