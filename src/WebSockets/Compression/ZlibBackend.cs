namespace MaoOcr.WebSockets.Compression;

/// <summary>Which zlib compresses and decompresses our messages; see <see cref="ZlibLibrary.Backend"/> for how it is chosen.</summary>
public enum ZlibBackend
{
    /// <summary>
    /// The zlib-ng that .NET ships in <c>libSystem.IO.Compression.Native</c> (statically linked into a Native AOT
    /// binary), the one System.IO.Compression and ASP.NET Core's WebSocket compression use.
    /// </summary>
    DotNetZlibNg,

    /// <summary>The system's <c>libz.so.1</c>, loaded at run time.</summary>
    System,
}
