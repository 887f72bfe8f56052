using System.Buffers.Binary;
using SkiaSharp;

namespace MaoOcr.Testing;

/// <summary>Writes an uncompressed 24-bit bottom-up BMP (BITMAPINFOHEADER, BI_RGB), the variant every decoder reads.</summary>
internal static class BmpEncoder
{
    private const int FileHeaderSize = 14;
    private const int InfoHeaderSize = 40;

    // 2835 pixels per metre is 72 dpi; decoders ignore it.
    private const int PixelsPerMetre = 2835;

    public static byte[] Encode(SKBitmap bitmap)
    {
        if (bitmap.ColorType != SKColorType.Rgba8888)
        {
            throw new ArgumentException($"Expected an Rgba8888 bitmap, got {bitmap.ColorType}.", nameof(bitmap));
        }
        int width = bitmap.Width;
        int height = bitmap.Height;
        int stride = ((width * 3) + 3) & ~3;
        int pixelBytes = stride * height;
        byte[] file = new byte[FileHeaderSize + InfoHeaderSize + pixelBytes];
        Span<byte> span = file;

        span[0] = (byte)'B';
        span[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(span[2..], file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[10..], FileHeaderSize + InfoHeaderSize);

        Span<byte> info = span.Slice(FileHeaderSize, InfoHeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(info, InfoHeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(info[4..], width);
        BinaryPrimitives.WriteInt32LittleEndian(info[8..], height);
        BinaryPrimitives.WriteInt16LittleEndian(info[12..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(info[14..], 24);
        BinaryPrimitives.WriteInt32LittleEndian(info[20..], pixelBytes);
        BinaryPrimitives.WriteInt32LittleEndian(info[24..], PixelsPerMetre);
        BinaryPrimitives.WriteInt32LittleEndian(info[28..], PixelsPerMetre);

        ReadOnlySpan<byte> rgba = bitmap.GetPixelSpan();
        int rowBytes = bitmap.RowBytes;
        Span<byte> pixels = span[(FileHeaderSize + InfoHeaderSize)..];
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> source = rgba.Slice(y * rowBytes, width * 4);
            Span<byte> target = pixels.Slice((height - 1 - y) * stride, width * 3);
            for (int x = 0; x < width; x++)
            {
                target[(3 * x) + 0] = source[(4 * x) + 2];
                target[(3 * x) + 1] = source[(4 * x) + 1];
                target[(3 * x) + 2] = source[4 * x];
            }
        }
        return file;
    }
}
