using System.Buffers;
using System.Text;

namespace MaoOcr.Inference.Imaging;

/// <summary>
/// Recognises image formats by their magic bytes, and what people send instead of an image (a PDF, an SVG, an HTML
/// error page, base64, plain text), to name what was sent in error messages.
/// </summary>
internal static class ImageSignature
{
    /// <summary>
    /// Bytes at the start that are looked at to tell text and markup apart: an XML prolog, a doctype and the first
    /// element of an SVG or an HTML page fit.
    /// </summary>
    private const int TextWindow = 512;

    // Not a u8 literal: "\x89" in a UTF-8 string literal becomes the two bytes C2 89.
    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>How the images we decode start once base64-encoded: PNG, JPEG, GIF, WebP (RIFF) and BMP.</summary>
    private static readonly byte[][] s_base64Images =
        ["iVBORw0KGgo"u8.ToArray(), "/9j/"u8.ToArray(), "R0lGOD"u8.ToArray(), "UklGR"u8.ToArray(), "Qk"u8.ToArray()];

    /// <summary>ASCII whitespace of JSON, XML and HTML alike: space, tab, line feed, form feed, carriage return.</summary>
    private static readonly SearchValues<byte> s_whitespace = SearchValues.Create(" \t\n\f\r"u8);

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
        return DetectText(b);
    }

    /// <summary>SVG, XML, HTML, base64 or plain text, by the first <see cref="TextWindow"/> bytes; null for binary.</summary>
    private static string? DetectText(ReadOnlySpan<byte> b)
    {
        ReadOnlySpan<byte> window = b[..Math.Min(b.Length, TextWindow)];
        if (window.IsEmpty || !IsText(window, cut: b.Length > TextWindow))
        {
            return null;
        }
        if (window.StartsWith(Utf8Bom))
        {
            window = window[Utf8Bom.Length..];
        }
        int start = window.IndexOfAnyExcept(s_whitespace);
        window = start < 0 ? [] : window[start..];
        if (StartsWithIgnoreCase(window, "<svg"u8) || StartsWithIgnoreCase(window, "<!DOCTYPE svg"u8))
        {
            return "SVG";
        }
        if (window.StartsWith("<?xml"u8))
        {
            // An SVG usually opens with an XML prolog and may have comments or a doctype before its root.
            return window.IndexOf("<svg"u8) >= 0 ? "SVG" : "XML";
        }
        if (StartsWithIgnoreCase(window, "<!DOCTYPE html"u8) || StartsWithIgnoreCase(window, "<html"u8))
        {
            return "HTML";
        }
        // Base64 where the bytes belong, or a browser's data: URL: the client forgot to decode.
        if (window.StartsWith("data:"u8) && window.IndexOf(";base64,"u8) >= 0)
        {
            return "base64 text";
        }
        foreach (byte[] prefix in s_base64Images)
        {
            if (window.StartsWith(prefix))
            {
                return "base64 text";
            }
        }
        return "text";
    }

    /// <summary>
    /// Whether the bytes are UTF-8 with no control characters but whitespace. A sequence cut at the end of the window is
    /// allowed when <paramref name="cut"/> says the data goes on.
    /// </summary>
    private static bool IsText(ReadOnlySpan<byte> window, bool cut)
    {
        while (!window.IsEmpty)
        {
            OperationStatus status = Rune.DecodeFromUtf8(window, out Rune rune, out int consumed);
            if (status == OperationStatus.NeedMoreData)
            {
                return cut;
            }
            if (status != OperationStatus.Done || (Rune.IsControl(rune) && !Rune.IsWhiteSpace(rune)))
            {
                return false;
            }
            window = window[consumed..];
        }
        return true;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> asciiPrefix) =>
        text.Length >= asciiPrefix.Length && Ascii.EqualsIgnoreCase(text[..asciiPrefix.Length], asciiPrefix);

    public static string Describe(ReadOnlySpan<byte> b)
        => Detect(b) is { } format ? $"{format} data, {b.Length} bytes" : $"{b.Length} bytes of unknown data";
}
