using System.Diagnostics;
using MaoOcr.Documents.Pdf;
using MaoOcr.Documents.Pdf.Reading;
using MaoOcr.Inference.Layout;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Appliance.Documents;

/// <summary>
/// Reads one PDF a page at a time, so that a long document can give the queue back between pages: pages with a real
/// text layer give their text as it is; the others are rendered (in a sandboxed child process) and OCR'd. Not
/// thread-safe: one queue worker at a time drives it. Dispose deletes the document's private copy.
/// </summary>
public sealed class DocumentReading : IDisposable
{
    private readonly OcrEngine _engine;
    private readonly PdfDocument _pdf;
    private readonly RecognitionOptions _options;
    private readonly bool _forceOcr;
    private readonly IReadOnlyList<TextLayerPage> _textLayers;
    private readonly List<DocumentPage> _pages = [];

    private DocumentReading(OcrEngine engine, PdfDocument pdf, RecognitionOptions options, bool forceOcr, IReadOnlyList<TextLayerPage> textLayers)
    {
        _engine = engine;
        _pdf = pdf;
        // A PDF is a document whatever its label: its pages are read in blocks, in reading order, at any orientation.
        _options = options with { UseLayoutAnalysis = true, DetectPageOrientation = true };
        _forceOcr = forceOcr;
        _textLayers = textLayers;
    }

    /// <summary>Pages that will be read.</summary>
    public int PageCount => _pdf.Info.Pages.Count;

    /// <summary>Pages read so far.</summary>
    public int PagesDone => _pages.Count;

    public bool Finished => _pages.Count == PageCount;

    /// <summary>The private copy of the PDF, for the searchable-PDF overlay.</summary>
    public PdfDocument Pdf => _pdf;

    /// <summary>Opens the PDF and reads its text layers (one child process each).</summary>
    /// <exception cref="PdfException">Not a readable PDF, encrypted, over a limit, or the tools are missing.</exception>
    public static DocumentReading Open(PdfDocumentReader reader, OcrEngine engine, ReadOnlySpan<byte> pdf, RecognitionOptions options, bool forceOcr, CancellationToken cancellationToken)
    {
        PdfDocument document = reader.Open(pdf, cancellationToken);
        try
        {
            IReadOnlyList<TextLayerPage> layers = forceOcr ? [] : document.ReadTextLayers(cancellationToken);
            return new DocumentReading(engine, document, options, forceOcr, layers);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary>The resolution pages render at for an accuracy: 150, 200 or 300 dpi. 300 is what Tesseract's and
    /// OCRmyPDF's documentation ask of scans; 200 is scanners' default for OCR and reads 9-point text; 150 still
    /// reads 10-point text at a third of 300's pixels.</summary>
    public static double DpiFor(RecognitionAccuracy accuracy) => accuracy switch
    {
        RecognitionAccuracy.Fast => 150,
        RecognitionAccuracy.High => 300,
        _ => 200,
    };

    /// <summary>Reads the next page. <paramref name="progress"/> hears its stages, with the page and the page count.</summary>
    /// <exception cref="PdfException">The page could not be rendered.</exception>
    /// <exception cref="OcrImageException">The rendered page could not be decoded.</exception>
    public DocumentPage ReadNextPage(Action<StageProgress>? progress, CancellationToken cancellationToken)
    {
        if (Finished)
        {
            throw new InvalidOperationException("Every page has been read.");
        }
        PdfPageInfo info = _pdf.Info.Pages[_pages.Count];
        int number = info.Number;
        int pages = PageCount;
        // One page's share of the whole request's 0–100, so progress never goes back across pages.
        Action<StageProgress>? pageProgress = progress is null ? null : p => progress(p with
        {
            Percent = (((number - 1) * 100) + p.Percent) / pages,
            Page = number,
            Pages = pages,
        });
        double dpi = _pdf.RenderDpi(info, DpiFor(_options.Accuracy));
        TextLayerPage? layer = _textLayers.FirstOrDefault(l => l.Number == number);
        DocumentPage page;
        if (layer is not null && layer.VisibleCharacters >= _pdf.Limits.MinTextLayerCharacters)
        {
            pageProgress?.Invoke(new StageProgress(PipelineStage.Decode, 0));
            page = new DocumentPage(number, FromTextLayer(layer, info, dpi), PageTextSource.TextLayer, dpi, info.WidthPoints, info.HeightPoints);
        }
        else
        {
            long started = Stopwatch.GetTimestamp();
            pageProgress?.Invoke(new StageProgress(PipelineStage.Decode, 0));
            byte[] pixels = _pdf.RenderPage(number, dpi, cancellationToken);
            double renderMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            RecognizedPage recognized = _engine.Recognize(pixels, _options, pageProgress, cancellationToken);
            // Rendering is part of this page's decode: the time from the page's bytes to its pixels.
            StageTimings t = recognized.Timings;
            recognized = recognized with { Timings = t with { DecodeMs = t.DecodeMs + renderMs, TotalMs = t.TotalMs + renderMs } };
            page = new DocumentPage(number, recognized, PageTextSource.Ocr, dpi, info.WidthPoints, info.HeightPoints);
        }
        _pages.Add(page);
        return page;
    }

    /// <summary>The whole document, once every page is read.</summary>
    public RecognizedDocument Result()
    {
        if (!Finished)
        {
            throw new InvalidOperationException("Pages remain to be read.");
        }
        return RecognizedDocument.FromPages(_pages.ToArray());
    }

    public void Dispose() => _pdf.Dispose();

    /// <summary>
    /// Each line's height for the layout: its own, but no more than 0.9 of the distance between the lines of its text flow.
    /// poppler sizes a line by its font's bounding box, which for CJK fonts (Noto Sans CJK: about 2.6 em) is far taller
    /// than the glyphs, so the boxes of a paragraph's lines overlap and the layout would find no gap between them.
    /// </summary>
    private static double[] LineHeights(IReadOnlyList<TextLayerLine> lines)
    {
        double[] heights = [.. lines.Select(l => l.Height)];
        foreach (IGrouping<int, int> flow in Enumerable.Range(0, lines.Count).GroupBy(i => lines[i].Block))
        {
            int[] members = [.. flow.OrderBy(i => lines[i].Top)];
            double[] pitches = [.. members.Zip(members.Skip(1), (a, b) => lines[b].Top - lines[a].Top).Where(p => p > 0).Order()];
            if (pitches.Length == 0)
            {
                continue;
            }
            double limit = 0.9 * pitches[pitches.Length / 2];
            foreach (int i in members)
            {
                heights[i] = Math.Min(heights[i], limit);
            }
        }
        return heights;
    }

    /// <summary>A text-layer page as a recognised page, its boxes in the pixels the page would render to at <paramref name="dpi"/>.</summary>
    private static RecognizedPage FromTextLayer(TextLayerPage layer, PdfPageInfo info, double dpi)
    {
        double scale = dpi / 72;
        var lines = new List<RecognizedLine>(layer.Lines.Count);
        double[] heights = LineHeights(layer.Lines);
        for (int i = 0; i < layer.Lines.Count; i++)
        {
            TextLayerLine line = layer.Lines[i];
            double middle = line.Top + (line.Height / 2);
            float l = (float)(line.Left * scale), t = (float)((middle - (heights[i] / 2)) * scale);
            float r = (float)((line.Left + line.Width) * scale), b = (float)((middle + (heights[i] / 2)) * scale);
            lines.Add(new RecognizedLine(line.Text, 1f, [new ImagePoint(l, t), new ImagePoint(r, t), new ImagePoint(r, b), new ImagePoint(l, b)]));
        }
        int width = (int)Math.Ceiling(info.WidthPoints * scale), height = (int)Math.Ceiling(info.HeightPoints * scale);
        // poppler's own order interleaves columns on some pages (its text flows follow the content stream): the page gets
        // the same layout analysis as an OCR'd one, so both kinds of page read in one order with one kind of block.
        return PageLayout.Apply(new RecognizedPage(lines, string.Empty, width, height, new StageTimings(0, 0, 0, 0, 0, 0)));
    }
}
