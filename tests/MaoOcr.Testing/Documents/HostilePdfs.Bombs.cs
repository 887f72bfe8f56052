namespace MaoOcr.Testing.Documents;

public static partial class HostilePdfs
{
    /// <summary>How far <see cref="CompressionBomb"/> inflates by default: 4 GiB, past any 32-bit length too.</summary>
    public const long DefaultBombBytes = 4L << 30;

    /// <summary>The side, in pixels, that <see cref="HugeImage"/> claims for its image.</summary>
    public const int HugeImageSide = 100_000;

    /// <summary>
    /// A one-page file whose content stream is <paramref name="inflatedBytes"/> zero bytes, deflated (/FlateDecode)
    /// to about a thousandth of that (4 GiB in about 4 MB). Zero bytes are white space to a content-stream parser,
    /// so the page is valid and blank. A reader that inflates a whole stream into memory before parsing it, or trusts
    /// no limit on the inflated size, runs out of memory or time; a careful one stops at its limit.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inflatedBytes"/> is not 1 KiB–64 GiB.</exception>
    public static byte[] CompressionBomb(long inflatedBytes = DefaultBombBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inflatedBytes, 1024);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inflatedBytes, 64L << 30);
        byte[] stream = ZeroRunDeflater.Zeros(inflatedBytes);
        using var writer = new PdfObjectWriter();
        int catalog = writer.Reserve(), tree = writer.Reserve();
        int content = writer.AddStream("/Filter /FlateDecode", stream);
        int page = writer.Add(PdfObjectWriter.Invariant($"<< /Type /Page /Parent {tree} 0 R /Resources << >> /Contents {content} 0 R >>"));
        writer.Write(tree, PdfObjectWriter.Invariant($"<< /Type /Pages /Kids [{page} 0 R] /Count 1 /MediaBox [0 0 612 792] >>"));
        writer.Write(catalog, PdfObjectWriter.Invariant($"<< /Type /Catalog /Pages {tree} 0 R >>"));
        return writer.Finish(catalog);
    }

    /// <summary>
    /// A one-page file drawing an image XObject that claims <see cref="HugeImageSide"/> × <see cref="HugeImageSide"/>
    /// 8-bit RGB pixels (30 GB decoded) while its /FlateDecode data holds one row of zeros. A reader that allocates
    /// width × height × components before decoding, or multiplies them in 32 bits, fails there; a careful one checks
    /// the claimed size against a limit first.
    /// </summary>
    public static byte[] HugeImage()
    {
        using var writer = new PdfObjectWriter();
        int catalog = writer.Reserve(), tree = writer.Reserve();
        int image = writer.AddStream(
            PdfObjectWriter.Invariant($"/Type /XObject /Subtype /Image /Width {HugeImageSide} /Height {HugeImageSide} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode"),
            PdfImageXObject.Deflate(new byte[HugeImageSide * 3]));
        int content = writer.AddStream("", "q 612 0 0 792 0 0 cm /Im0 Do Q"u8);
        int page = writer.Add(PdfObjectWriter.Invariant($"<< /Type /Page /Parent {tree} 0 R /Resources << /XObject << /Im0 {image} 0 R >> >> /Contents {content} 0 R >>"));
        writer.Write(tree, PdfObjectWriter.Invariant($"<< /Type /Pages /Kids [{page} 0 R] /Count 1 /MediaBox [0 0 612 792] >>"));
        writer.Write(catalog, PdfObjectWriter.Invariant($"<< /Type /Catalog /Pages {tree} 0 R >>"));
        return writer.Finish(catalog);
    }
}
