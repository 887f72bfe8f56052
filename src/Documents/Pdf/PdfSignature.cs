namespace MaoOcr.Documents.Pdf;

/// <summary>Recognises a PDF by its header, as readers do.</summary>
public static class PdfSignature
{
    /// <summary>
    /// How far into the file the header may start. 1024: ISO 32000-1 Annex H says readers accept the header anywhere in the
    /// first 1024 bytes (some producers put junk or a BOM before it), and Acrobat, poppler and pdf.js all do.
    /// </summary>
    public const int SearchWindow = 1024;

    /// <summary>"%PDF-", the header's fixed part (ISO 32000-1, 7.5.2).</summary>
    public static ReadOnlySpan<byte> Header => "%PDF-"u8;

    /// <summary>True when <paramref name="bytes"/> has the PDF header within its first <see cref="SearchWindow"/> bytes.</summary>
    public static bool IsPdf(ReadOnlySpan<byte> bytes)
        => bytes[..Math.Min(bytes.Length, SearchWindow)].IndexOf(Header) >= 0;
}
