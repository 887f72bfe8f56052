using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MaoOcr.Benchmarks.EndToEnd.Soak;

/// <summary>
/// A valid PNG of 8000×6000 grey pixels (48 MP, above the appliance's 40 MP limit) that is only about 50 KB: a page
/// of zeros deflates a thousandfold. The appliance must refuse it from its header (<c>image_too_large</c>) without
/// allocating its pixels, which is what a decompression bomb tests.
/// </summary>
internal static class OversizedPng
{
    public const int Width = 8000;
    public const int Height = 6000;

    private static readonly Lazy<byte[]> s_bytes = new(Build);

    public static byte[] Bytes => s_bytes.Value;

    private static byte[] Build()
    {
        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        // IHDR (PNG spec 11.2.2): width, height, bit depth 8, colour type 0 (grey), compression, filter, interlace 0.
        byte[] header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8;
        Chunk(png, "IHDR", header);
        var pixels = new MemoryStream();
        using (var deflate = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
        {
            // Each scanline is a filter byte (0, none) then one byte per pixel.
            byte[] row = new byte[Width + 1];
            for (int y = 0; y < Height; y++)
            {
                deflate.Write(row);
            }
        }
        Chunk(png, "IDAT", pixels.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(MemoryStream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typeAndData));
        png.Write(word);
    }

    /// <summary>The CRC-32 a PNG chunk ends with (ISO 3309, reflected polynomial 0xEDB88320), over its type and data.</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        const uint Polynomial = 0xEDB88320;
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            }
        }
        return ~crc;
    }
}
