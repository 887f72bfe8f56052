namespace MaoOcr.WebSockets.Tests.Compression;

/// <summary>
/// The base of every test class that compresses: each has one sealed subclass per <see cref="ZlibBackend"/>, so
/// every case runs on .NET's zlib-ng, which the server prefers, and on the system zlib, its fallback.
/// </summary>
public abstract class ZlibBackendTestBase
{
    /// <summary>The zlib this class's deflaters and inflaters run on.</summary>
    protected abstract ZlibBackend Backend { get; }

    /// <summary><see cref="MessageDeflater"/>'s public constructor, on <see cref="Backend"/>.</summary>
    protected MessageDeflater NewDeflater(
        int windowBits,
        bool noContextTakeover,
        int compressionLevel = DeflateOptions.DefaultCompressionLevel,
        int memoryLevel = DeflateOptions.DefaultMemoryLevel,
        int compressionThreshold = DeflateOptions.DefaultCompressionThreshold) =>
        new(windowBits, noContextTakeover, compressionLevel, memoryLevel, compressionThreshold, Backend);

    /// <summary><see cref="MessageInflater"/>'s constructors, on <see cref="Backend"/>.</summary>
    protected MessageInflater NewInflater(bool peerNoContextTakeover, int windowBits = MessageInflater.DefaultWindowBits) =>
        new(peerNoContextTakeover, windowBits, Backend);
}
