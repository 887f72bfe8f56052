using System.Text;

namespace MaoOcr.Testing.Documents;

/// <summary>
/// PDF files that a careless reader mishandles: each comment says how. Every call builds the file again, the same
/// bytes each time, so a caller may change its copy. Encrypted files are in HostilePdfs.Encrypted.cs and
/// decompression bombs in HostilePdfs.Bombs.cs.
/// </summary>
public static partial class HostilePdfs
{
    /// <summary>The text on the one page of the small valid files these are made from.</summary>
    public const string PageText = "MaoOCR hostile test page";

    /// <summary>
    /// A valid one-page file cut in half, in the middle of its objects, with no cross-reference table or trailer.
    /// A reader that trusts startxref finds none and may read past the end; a lenient one rebuilds the table by
    /// scanning and must then cope with the object that stops mid-way.
    /// </summary>
    public static byte[] TruncatedInHalf()
    {
        byte[] whole = TextPage(out _, out _);
        return whole[..(whole.Length / 2)];
    }

    /// <summary>
    /// A valid one-page file cut just before its "xref" keyword: every object is whole, but there is no table, no
    /// trailer and no startxref, so there is no /Root. A reader must scan for the objects or fail cleanly.
    /// </summary>
    public static byte[] TruncatedBeforeXref()
    {
        byte[] whole = TextPage(out long xref, out _);
        return whole[..(int)xref];
    }

    /// <summary>A zero-byte file: a reader that peeks at the header without checking the length reads out of bounds.</summary>
    public static byte[] Empty() => [];

    /// <summary>Only the header "%PDF-1.7", no line end: it passes a signature check and has nothing after it.</summary>
    public static byte[] HeaderOnly() => "%PDF-1.7"u8.ToArray();

    /// <summary>
    /// "%PDF-1.7" and a line end, then 64 KiB of random bytes (fixed seed): it passes a signature check, and a reader
    /// that rebuilds a damaged file by scanning for "obj" has 64 KiB of noise to scan.
    /// </summary>
    public static byte[] GarbageAfterHeader()
    {
        byte[] bytes = new byte[9 + (64 * 1024)];
        "%PDF-1.7\n"u8.CopyTo(bytes);
        new Random(20417).NextBytes(bytes.AsSpan(9));
        return bytes;
    }

    /// <summary>
    /// A page tree that claims /Count 1000000 and has one kid. A reader that sizes an array or a page loop from
    /// /Count allocates a million entries, or walks off the end of /Kids.
    /// </summary>
    public static byte[] PageCountClaim()
    {
        using var writer = new PdfObjectWriter();
        int catalog = writer.Reserve(), tree = writer.Reserve();
        int content = writer.AddStream("", Encoding.ASCII.GetBytes(TextContent));
        int font = writer.Add(HelveticaFont);
        int page = writer.Add(PdfObjectWriter.Invariant($"<< /Type /Page /Parent {tree} 0 R /Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"));
        writer.Write(tree, PdfObjectWriter.Invariant($"<< /Type /Pages /Kids [{page} 0 R] /Count 1000000 /MediaBox [0 0 612 792] >>"));
        writer.Write(catalog, PdfObjectWriter.Invariant($"<< /Type /Catalog /Pages {tree} 0 R >>"));
        return writer.Finish(catalog);
    }

    /// <summary>
    /// A valid file of <paramref name="pageCount"/> blank one-inch pages that share one empty content stream
    /// (5000 pages take about 300 KB). Nothing is wrong with it: it is for a page limit, which a reader that
    /// renders every page before checking the count never reaches in time.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageCount"/> is not 1–1000000.</exception>
    public static byte[] ManyEmptyPages(int pageCount = 5000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageCount, 1_000_000);
        using var writer = new PdfObjectWriter();
        int catalog = writer.Reserve(), tree = writer.Reserve();
        int content = writer.AddStream("", []);
        var kids = new StringBuilder(pageCount * 8);
        for (int i = 0; i < pageCount; i++)
        {
            // Size and resources are inherited from the page tree, so each page is a few dozen bytes.
            int page = writer.Add(PdfObjectWriter.Invariant($"<< /Type /Page /Parent {tree} 0 R /Contents {content} 0 R >>"));
            kids.Append(PdfObjectWriter.Invariant($"{page} 0 R "));
        }
        writer.Write(tree, PdfObjectWriter.Invariant($"<< /Type /Pages /Kids [{kids}] /Count {pageCount} /MediaBox [0 0 72 72] /Resources << >> >>"));
        writer.Write(catalog, PdfObjectWriter.Invariant($"<< /Type /Catalog /Pages {tree} 0 R >>"));
        return writer.Finish(catalog);
    }

    /// <summary>
    /// A page whose /Resources holds an array nested <paramref name="depth"/> deep ([[[…]]]). A recursive-descent
    /// parser without a depth limit overflows its stack, which in .NET ends the process rather than throwing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> is not 1–10000000.</exception>
    public static byte[] DeeplyNested(int depth = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, 10_000_000);
        using var writer = new PdfObjectWriter();
        int catalog = writer.Reserve(), tree = writer.Reserve();
        int content = writer.AddStream("", Encoding.ASCII.GetBytes(TextContent));
        int font = writer.Add(HelveticaFont);
        string nested = new string('[', depth) + new string(']', depth);
        int page = writer.Add(PdfObjectWriter.Invariant(
            $"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {font} 0 R >> /Nested {nested} >> /Contents {content} 0 R >>"));
        writer.Write(tree, PdfObjectWriter.Invariant($"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"));
        writer.Write(catalog, PdfObjectWriter.Invariant($"<< /Type /Catalog /Pages {tree} 0 R >>"));
        return writer.Finish(catalog);
    }

    /// <summary>
    /// References that go round in circles: the page tree lists itself among its own /Kids, and the page's content
    /// stream gives its /Length as an object whose value is a reference to itself ("5 0 obj 5 0 R endobj"). A reader
    /// that follows references or walks the tree without remembering where it has been never stops.
    /// </summary>
    public static byte[] ReferenceLoop()
    {
        using var writer = new PdfObjectWriter();
        int catalog = writer.Reserve(), tree = writer.Reserve(), page = writer.Reserve(), content = writer.Reserve(), length = writer.Reserve();
        writer.Write(catalog, PdfObjectWriter.Invariant($"<< /Type /Catalog /Pages {tree} 0 R >>"));
        writer.Write(tree, PdfObjectWriter.Invariant($"<< /Type /Pages /Kids [{tree} 0 R {page} 0 R] /Count 2 /MediaBox [0 0 612 792] >>"));
        int font = writer.Add(HelveticaFont);
        writer.Write(page, PdfObjectWriter.Invariant($"<< /Type /Page /Parent {tree} 0 R /Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"));
        writer.Write(content, PdfObjectWriter.Invariant($"<< /Length {length} 0 R >>\nstream\n{TextContent}\nendstream"));
        writer.Write(length, PdfObjectWriter.Invariant($"{length} 0 R"));
        return writer.Finish(catalog);
    }

    /// <summary>
    /// A valid file followed by an incremental update whose trailer's /Prev points back at its own cross-reference
    /// section. A reader that follows the /Prev chain without remembering the offsets it has read loops for ever.
    /// </summary>
    public static byte[] XrefLoop()
    {
        byte[] whole = TextPage(out _, out int size);
        long offset = whole.Length;
        string update = PdfObjectWriter.Invariant(
            $"xref\n0 1\n0000000000 65535 f\r\ntrailer\n<< /Size {size} /Root 1 0 R /Prev {offset} >>\nstartxref\n{offset}\n%%EOF\n");
        return [.. whole, .. Encoding.ASCII.GetBytes(update)];
    }

    private const string HelveticaFont = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

    private const string TextContent = "BT /F1 24 Tf 72 700 Td (" + PageText + ") Tj ET";

    /// <summary>A valid one-page US Letter file with <see cref="PageText"/> in Helvetica, where its "xref" starts, and its trailer's /Size.</summary>
    private static byte[] TextPage(out long xrefOffset, out int size)
    {
        using var writer = new PdfObjectWriter();
        int catalog = WriteTextPage(writer, encryption: null);
        byte[] bytes = writer.Finish(catalog);
        xrefOffset = writer.XrefOffset;
        size = writer.ObjectCount + 1;
        return bytes;
    }

    /// <summary>Writes catalog, page tree, page, font and content (encrypted when <paramref name="encryption"/> is set) and returns the catalog.</summary>
    private static int WriteTextPage(PdfObjectWriter writer, PdfStandardEncryption? encryption)
    {
        int catalog = writer.Reserve(), tree = writer.Reserve(), page = writer.Reserve(), content = writer.Reserve();
        int font = writer.Add(HelveticaFont);
        byte[] data = Encoding.ASCII.GetBytes(TextContent);
        writer.WriteStream(content, "", encryption is null ? data : encryption.Encrypt(content, data));
        writer.Write(page, PdfObjectWriter.Invariant($"<< /Type /Page /Parent {tree} 0 R /Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"));
        writer.Write(tree, PdfObjectWriter.Invariant($"<< /Type /Pages /Kids [{page} 0 R] /Count 1 /MediaBox [0 0 612 792] >>"));
        writer.Write(catalog, PdfObjectWriter.Invariant($"<< /Type /Catalog /Pages {tree} 0 R >>"));
        return catalog;
    }
}
