using System.Buffers.Binary;

namespace MaoOcr.Inference.Tests.Support;

/// <summary>Writes an uncompressed 24-bit bottom-up BMP (BITMAPFILEHEADER + BITMAPINFOHEADER, BI_RGB): Skia decodes BMP but cannot encode it.</summary>
internal static class BmpBuilder
{
    private const int FileHeaderSize = 14;
    private const int InfoHeaderSize = 40;

    /// <param name="rgb">Top-down RGB bytes, <paramref name="width"/> × 3 per row.</param>
    public static byte[] Rgb24(int width, int height, ReadOnlySpan<byte> rgb)
    {
        // Rows are padded to a multiple of four bytes.
        int stride = ((width * 3) + 3) & ~3;
        byte[] file = new byte[FileHeaderSize + InfoHeaderSize + (stride * height)];
        Span<byte> span = file;
        span[0] = (byte)'B';
        span[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(span[2..], file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[10..], FileHeaderSize + InfoHeaderSize);

        Span<byte> info = span.Slice(FileHeaderSize, InfoHeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(info, InfoHeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(info[4..], width);
        BinaryPrimitives.WriteInt32LittleEndian(info[8..], height); // positive: bottom-up
        BinaryPrimitives.WriteInt16LittleEndian(info[12..], 1); // planes
        BinaryPrimitives.WriteInt16LittleEndian(info[14..], 24); // bits per pixel
        BinaryPrimitives.WriteInt32LittleEndian(info[20..], stride * height);

        Span<byte> pixels = span[(FileHeaderSize + InfoHeaderSize)..];
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = pixels.Slice((height - 1 - y) * stride, width * 3);
            for (int x = 0; x < width; x++)
            {
                int i = ((y * width) + x) * 3;
                row[3 * x] = rgb[i + 2]; // stored as B, G, R
                row[(3 * x) + 1] = rgb[i + 1];
                row[(3 * x) + 2] = rgb[i];
            }
        }
        return file;
    }
}
