using System.IO.Compression;
using SkiaSharp;

namespace MaoOcr.Testing.Documents;

/// <summary>A page image as a PDF image XObject (ISO 32000-1 §8.9.5): the dictionary entries and the stream data.</summary>
internal sealed record PdfImageXObject(string DictionaryEntries, byte[] Data)
{
    /// <summary>
    /// A JPEG goes in as it is (/DCTDecode: the reader runs the same decoder a scanner's file would need); any other
    /// format is decoded to 8-bit RGB and deflated (/FlateDecode), which keeps it lossless.
    /// </summary>
    public static PdfImageXObject From(RenderedImage image)
    {
        string common = PdfObjectWriter.Invariant(
            $"/Type /XObject /Subtype /Image /Width {image.Width} /Height {image.Height} /ColorSpace /DeviceRGB /BitsPerComponent 8");
        if (image.Format == "jpeg")
        {
            return new PdfImageXObject(common + " /Filter /DCTDecode", image.Bytes);
        }
        using SKBitmap bitmap = QuarterTurns.Decode(image);
        ReadOnlySpan<byte> rgba = bitmap.GetPixelSpan();
        byte[] rgb = new byte[image.Width * image.Height * 3];
        for (int i = 0, j = 0; j < rgb.Length; i += 4, j += 3)
        {
            // Our pages are opaque, so premultiplied RGBA is plain RGBA.
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }
        return new PdfImageXObject(common + " /Filter /FlateDecode", Deflate(rgb));
    }

    internal static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }
        return output.ToArray();
    }
}
