using System.Text;

namespace MaoOcr.Testing.Documents;

/// <summary>
/// Well-formed PDF files made in memory, with the truth about every page. The same inputs give the same bytes.
/// Image pages (<see cref="ScannedPdf"/>, <see cref="RotatedPagePdf"/>, <see cref="RepeatedScannedPdf"/>) are
/// written object by object; text-layer pages (<see cref="TextLayerPdf(IReadOnlyList{TextScene}, double)"/>) go
/// through Skia's PDF backend, which embeds and subsets the fonts and writes the ToUnicode maps that text
/// extraction needs.
/// </summary>
public static partial class TestPdfs
{
    /// <summary>The lowest and highest resolution accepted, in dots per inch.</summary>
    public const double MinDpi = 36, MaxDpi = 1200;

    /// <summary>
    /// A scan: each page is one image and nothing else (no text layer), the page as large as the image at
    /// <paramref name="dpi"/> (a 1654 × 2339 image at 200 dpi is an A4 page, 595.44 × 842.04 pt).
    /// JPEG images are stored as they are, others losslessly.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="pages"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dpi"/> is outside <see cref="MinDpi"/>–<see cref="MaxDpi"/>.</exception>
    public static GeneratedPdf ScannedPdf(IReadOnlyList<RenderedImage> pages, double dpi = 200)
    {
        ArgumentNullException.ThrowIfNull(pages);
        if (pages.Count == 0)
        {
            throw new ArgumentException("At least one page is needed.", nameof(pages));
        }
        CheckDpi(dpi);
        using var writer = new PdfObjectWriter();
        int catalog = writer.Reserve(), tree = writer.Reserve();
        var kids = new List<int>(pages.Count);
        var truth = new List<PdfPageTruth>(pages.Count);
        foreach (RenderedImage page in pages)
        {
            PdfImageXObject image = PdfImageXObject.From(page);
            int imageObject = writer.AddStream(image.DictionaryEntries, image.Data);
            kids.Add(WriteImagePage(writer, tree, imageObject, ImageContent(writer, page.Width, page.Height, dpi), page.Width, page.Height, dpi, rotate: 0));
            truth.Add(ImagePageTruth(page, page, dpi, rotate: 0));
        }
        return Finish(writer, catalog, tree, kids, truth);
    }

    /// <summary>
    /// One page stored turned and put right by its /Rotate entry, as scanners write a sideways-fed page: the image
    /// in the file is <paramref name="upright"/> turned <paramref name="rotate"/>° counter-clockwise and the page says
    /// /Rotate <paramref name="rotate"/>, so a reader that honours /Rotate shows <paramref name="upright"/> and one
    /// that ignores it shows the text on its side. The truth is the upright page's.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rotate"/> is not 0, 90, 180 or 270, or <paramref name="dpi"/> is out of range.</exception>
    public static GeneratedPdf RotatedPagePdf(RenderedImage upright, int rotate = 90, double dpi = 200)
    {
        ArgumentNullException.ThrowIfNull(upright);
        CheckDpi(dpi);
        RenderedImage stored = QuarterTurns.Rotate(upright, (360 - rotate) % 360);
        using var writer = new PdfObjectWriter();
        int catalog = writer.Reserve(), tree = writer.Reserve();
        PdfImageXObject image = PdfImageXObject.From(stored);
        int imageObject = writer.AddStream(image.DictionaryEntries, image.Data);
        int page = WriteImagePage(writer, tree, imageObject, ImageContent(writer, stored.Width, stored.Height, dpi), stored.Width, stored.Height, dpi, rotate);
        return Finish(writer, catalog, tree, [page], [ImagePageTruth(stored, upright, dpi, rotate)]);
    }

    /// <summary>
    /// A scan of <paramref name="pageCount"/> pages for speed measurements, made in the time of one: every page
    /// shows <paramref name="page"/>, encoded once, yet each page has its own copy of the image object, so a
    /// reader decodes every page as it would a real multi-page scan.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageCount"/> is not 1–10000, or <paramref name="dpi"/> is out of range.</exception>
    public static GeneratedPdf RepeatedScannedPdf(RenderedImage page, int pageCount, double dpi = 200)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageCount, 10_000);
        CheckDpi(dpi);
        using var writer = new PdfObjectWriter();
        int catalog = writer.Reserve(), tree = writer.Reserve();
        PdfImageXObject image = PdfImageXObject.From(page);
        // Every page names its image /Im0, so one content stream serves them all.
        int content = ImageContent(writer, page.Width, page.Height, dpi);
        PdfPageTruth truth = ImagePageTruth(page, page, dpi, rotate: 0);
        var kids = new List<int>(pageCount);
        for (int i = 0; i < pageCount; i++)
        {
            int imageObject = writer.AddStream(image.DictionaryEntries, image.Data);
            kids.Add(WriteImagePage(writer, tree, imageObject, content, page.Width, page.Height, dpi, rotate: 0));
        }
        return Finish(writer, catalog, tree, kids, Enumerable.Repeat(truth, pageCount).ToList());
    }

    internal static void CheckDpi(double dpi)
    {
        if (!(dpi >= MinDpi && dpi <= MaxDpi))
        {
            throw new ArgumentOutOfRangeException(nameof(dpi), dpi, $"The resolution must be {MinDpi}–{MaxDpi} dpi.");
        }
    }

    // The image fills the page: the unit square it is drawn into is scaled to the page's size in points.
    private static int ImageContent(PdfObjectWriter writer, int widthPixels, int heightPixels, double dpi) =>
        writer.AddStream("", Encoding.ASCII.GetBytes(PdfObjectWriter.Invariant(
            $"q {PdfObjectWriter.Number(widthPixels * 72 / dpi)} 0 0 {PdfObjectWriter.Number(heightPixels * 72 / dpi)} 0 0 cm /Im0 Do Q")));

    private static int WriteImagePage(PdfObjectWriter writer, int parent, int image, int content, int widthPixels, int heightPixels, double dpi, int rotate)
    {
        string rotateEntry = rotate == 0 ? "" : PdfObjectWriter.Invariant($"/Rotate {rotate} ");
        return writer.Add(PdfObjectWriter.Invariant(
            $"<< /Type /Page /Parent {parent} 0 R /MediaBox [0 0 {PdfObjectWriter.Number(widthPixels * 72 / dpi)} {PdfObjectWriter.Number(heightPixels * 72 / dpi)}] {rotateEntry}/Resources << /XObject << /Im0 {image} 0 R >> >> /Contents {content} 0 R >>"));
    }

    private static PdfPageTruth ImagePageTruth(RenderedImage stored, RenderedImage displayed, double dpi, int rotate) => new(
        RoundAsWritten(stored.Width * 72 / dpi), RoundAsWritten(stored.Height * 72 / dpi), rotate, dpi,
        displayed.Lines.Select(l => PdfTextLine.FromPixels(l, dpi)).ToList());

    // The media box is written with four decimals; the truth states the same number.
    private static double RoundAsWritten(double points) => Math.Round(points, 4);

    private static GeneratedPdf Finish(PdfObjectWriter writer, int catalog, int tree, List<int> kids, List<PdfPageTruth> truth)
    {
        writer.Write(catalog, PdfObjectWriter.Invariant($"<< /Type /Catalog /Pages {tree} 0 R >>"));
        var kidList = new StringBuilder();
        foreach (int kid in kids)
        {
            kidList.Append(PdfObjectWriter.Invariant($"{kid} 0 R "));
        }
        writer.Write(tree, PdfObjectWriter.Invariant($"<< /Type /Pages /Kids [{kidList}] /Count {kids.Count} >>"));
        return new GeneratedPdf(writer.Finish(catalog), truth);
    }
}
