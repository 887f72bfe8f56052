namespace MaoOcr.WebSockets.Compression;

/// <summary>What a host reports about the zlib that permessage-deflate runs on (<c>maoocr version</c>, the start-up log).</summary>
public static class ZlibDiagnostics
{
    /// <summary>One line: the backend in use (.NET's bundled zlib-ng or the system's zlib), its version and why it was chosen.</summary>
    /// <exception cref="ZlibException">Neither backend can be loaded.</exception>
    public static string Describe() => ZlibLibrary.Describe();
}
