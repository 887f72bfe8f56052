using System.IO.Compression;

namespace MaoOcr.Documents.Pdf.Writing;

/// <summary>/FlateDecode data: a zlib stream (RFC 1950), which is what PDF's Flate filter expects (ISO 32000-1, 7.4.4).</summary>
internal static class Flate
{
    /// <summary>
    /// zlib's default level: within a few per cent of the smallest output at a fraction of the time, and like every
    /// level deterministic for a given zlib, so the same input gives the same file.
    /// </summary>
    public const CompressionLevel Level = CompressionLevel.Optimal;

    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, Level, leaveOpen: true))
        {
            zlib.Write(data);
        }
        return compressed.ToArray();
    }

    /// <summary>Compresses <paramref name="data"/> into <paramref name="destination"/> as it goes, without holding the result.</summary>
    public static void CompressTo(ReadOnlySpan<byte> data, Stream destination)
    {
        using var zlib = new ZLibStream(destination, Level, leaveOpen: true);
        zlib.Write(data);
    }
}
