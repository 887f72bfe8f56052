using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MaoOcr.Testing;

/// <summary>
/// Writes PNG files chunk by chunk (PNG spec §5): signature, IHDR, IDAT, IEND, each chunk with its CRC.
/// The header can claim any size, which is how a decompression bomb is built without its pixels.
/// </summary>
public static class PngBuilder
{
    public const byte ColorTypeRgb = 2;
    public const byte ColorTypeRgba = 6;

    /// <summary>Bytes of a chunk besides its data: length (4), type (4) and CRC (4).</summary>
    public const int ChunkOverhead = 12;

    /// <summary>
    /// A private ancillary chunk type, which decoders skip (PNG spec §5.4: a lowercase first letter marks it ancillary,
    /// a lowercase second letter private; the third is always uppercase).
    /// </summary>
    private const string PaddingChunkType = "paDd";

    private static readonly byte[] s_signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A PNG whose IHDR claims 100000×100000 RGB (30 GB of pixels) over a few bytes of compressed data.</summary>
    public static byte[] DecompressionBomb() => Build(100_000, 100_000, ColorTypeRgb, new byte[64]);

    /// <summary>An 8-bit RGBA image from unpremultiplied RGBA bytes, row by row, filter type 0 on every row.</summary>
    public static byte[] Rgba(int width, int height, ReadOnlySpan<byte> rgba)
    {
        if (rgba.Length != width * height * 4)
        {
            throw new ArgumentException($"Expected {width * height * 4} bytes of RGBA, got {rgba.Length}.", nameof(rgba));
        }
        byte[] scanlines = new byte[height * (1 + (width * 4))];
        for (int y = 0; y < height; y++)
        {
            rgba.Slice(y * width * 4, width * 4).CopyTo(scanlines.AsSpan((y * (1 + (width * 4))) + 1));
        }
        return Build((uint)width, (uint)height, ColorTypeRgba, scanlines);
    }

    /// <summary>A PNG whose IHDR says <paramref name="width"/>×<paramref name="height"/> and whose IDAT holds <paramref name="scanlines"/> (zlib-compressed here).</summary>
    public static byte[] Build(uint width, uint height, byte colorType, ReadOnlySpan<byte> scanlines)
    {
        using var output = new MemoryStream();
        output.Write(s_signature);

        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr[4..], height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = colorType;
        ihdr[10] = 0; // deflate
        ihdr[11] = 0; // adaptive filtering
        ihdr[12] = 0; // no interlace
        WriteChunk(output, "IHDR", ihdr);

        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(scanlines);
            }
            WriteChunk(output, "IDAT", compressed.ToArray());
        }
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>
    /// The same image grown to exactly <paramref name="length"/> bytes by a padding chunk before IEND, so a test can
    /// send a valid image of any size (a pipe segment's size, say).
    /// </summary>
    /// <param name="png">A PNG that ends with its IEND chunk.</param>
    /// <param name="length">The size wanted: at least the PNG's size plus <see cref="ChunkOverhead"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> leaves no room for the padding chunk.</exception>
    public static byte[] PadTo(byte[] png, int length)
    {
        ArgumentNullException.ThrowIfNull(png);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, png.Length + ChunkOverhead);
        using var output = new MemoryStream(length);
        output.Write(png, 0, png.Length - ChunkOverhead);
        WriteChunk(output, PaddingChunkType, new byte[length - png.Length - ChunkOverhead]);
        output.Write(png, png.Length - ChunkOverhead, ChunkOverhead);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        output.Write(length);

        byte[] typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData.AsSpan(4));
        output.Write(typeAndData);

        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Compute(typeAndData));
        output.Write(crc);
    }
}
