namespace MaoOcr.Inference.Imaging;

/// <summary>Recognises image formats by their magic bytes, to name what was sent in error messages.</summary>
internal static class ImageSignature
{
    // Not a u8 literal: "\x89" in a UTF-8 string literal becomes the two bytes C2 89.
    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Skia's format, named as in our messages.</summary>
    public static string NameOf(SkiaSharp.SKEncodedImageFormat format) => format switch
    {
        SkiaSharp.SKEncodedImageFormat.Jpeg => "JPEG",
        SkiaSharp.SKEncodedImageFormat.Png => "PNG",
        SkiaSharp.SKEncodedImageFormat.Gif => "GIF",
        SkiaSharp.SKEncodedImageFormat.Webp => "WebP",
        SkiaSharp.SKEncodedImageFormat.Bmp => "BMP",
        _ => format.ToString().ToUpperInvariant(),
    };

    /// <summary>The formats <see cref="ImageDecoder"/> decodes.</summary>
    public static bool IsSupported(string? format) => format is "JPEG" or "PNG" or "GIF" or "WebP" or "BMP";

    public static string? Detect(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        {
            return "JPEG";
        }
        if (b.Length >= 8 && b[..8].SequenceEqual(Png))
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
