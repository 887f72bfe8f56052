namespace MaoOcr.Inference.Imaging;

/// <summary>Recognises image formats by their magic bytes, to name what was sent in error messages.</summary>
internal static class ImageSignature
{
    public static string? Detect(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        {
            return "JPEG";
        }
        if (b.Length >= 8 && b[..8].SequenceEqual("\x89PNG\r\n\x1a\n"u8.ToArray()))
        {
            return "PNG";
        }
        if (b.Length >= 6 && (b[..6].SequenceEqual("GIF87a"u8) || b[..6].SequenceEqual("GIF89a"u8)))
        {
            return "GIF";
        }
        if (b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8))
        {
            return "WebP";
        }
        if (b.Length >= 2 && b[0] == (byte)'B' && b[1] == (byte)'M')
        {
            return "BMP";
        }
        if (b.Length >= 4 && (b[..4].SequenceEqual("II*\0"u8) || b[..4].SequenceEqual("MM\0*"u8)))
        {
            return "TIFF";
        }
        if (b.Length >= 12 && b[4..8].SequenceEqual("ftyp"u8))
        {
            return "HEIF/AVIF";
        }
        if (b.Length >= 4 && b[..4].SequenceEqual("%PDF"u8))
        {
            return "PDF";
        }
        return null;
    }

    public static string Describe(ReadOnlySpan<byte> b)
        => Detect(b) is { } format ? $"{format} data, {b.Length} bytes" : $"{b.Length} bytes of unknown data";
}
