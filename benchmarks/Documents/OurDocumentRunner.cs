using System.Diagnostics;
using MaoOcr.Appliance.Documents;
using MaoOcr.Documents.Pdf.Reading;
using MaoOcr.Inference.Pipeline;
using MaoOcr.Testing;

namespace MaoOcr.Benchmarks.Documents;

/// <summary>
/// Runs MaoOCR on the cases in two ways: as documents (layout analysis and page orientation on, PDFs through
/// <see cref="DocumentReading"/>, as the appliance reads them), and line by line (both off, the behaviour before issue
/// 14: a PDF page rendered as DocumentReading renders it and recognised with the options off, since DocumentReading
/// itself always turns them on).
/// </summary>
internal sealed class OurDocumentRunner(OcrEngine engine, PdfDocumentReader reader, RecognitionAccuracy accuracy, TextWriter log)
{
    public const string DocumentMode = "MaoOCR layout+orientation";
    public const string LineMode = "MaoOCR line by line";

    private readonly RecognitionOptions _document = new() { Accuracy = accuracy, UseLayoutAnalysis = true, DetectPageOrientation = true };
    private readonly RecognitionOptions _lines = new() { Accuracy = accuracy };

    /// <summary>One recognise call with each option set, so neither pass pays a first call's costs.</summary>
    public void WarmUp(byte[] image)
    {
        engine.Recognize(image, _document);
        engine.Recognize(image, _lines);
    }

    /// <summary>The case read as documents are (<paramref name="asDocument"/>) or line by line; null for a text-layer PDF line by line, which has no such reading.</summary>
    public CaseOutcome? Run(DocumentCase documentCase, bool asDocument)
    {
        string engineName = asDocument ? DocumentMode : LineMode;
        return documentCase.Input switch
        {
            CaseInput.Image => RunImages(documentCase, engineName, asDocument ? _document : _lines),
            CaseInput.ScannedPdf or CaseInput.TextLayerPdf when asDocument => RunDocument(documentCase, engineName),
            CaseInput.ScannedPdf => RunRenderedPages(documentCase, engineName),
            _ => null,
        };
    }

    private CaseOutcome RunImages(DocumentCase documentCase, string engineName, RecognitionOptions options)
    {
        var pages = new List<PageOutcome>();
        double seconds = 0;
        foreach (CasePage page in documentCase.Pages)
        {
            long started = Stopwatch.GetTimestamp();
            RecognizedPage result = engine.Recognize(page.Image!.Bytes, options);
            seconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
            pages.Add(PageOutcome.Score(page, Lines(result, scale: 1), options.DetectPageOrientation ? result.Rotation : null));
        }
        Report(documentCase, engineName, pages, seconds);
        return new CaseOutcome(documentCase, engineName, pages, seconds);
    }

    private CaseOutcome RunDocument(DocumentCase documentCase, string engineName)
    {
        var pages = new List<PageOutcome>();
        long started = Stopwatch.GetTimestamp();
        var read = new List<DocumentPage>();
        using (DocumentReading reading = DocumentReading.Open(reader, engine, documentCase.Pdf, _document, forceOcr: false, CancellationToken.None))
        {
            while (!reading.Finished)
            {
                read.Add(reading.ReadNextPage(null, CancellationToken.None));
            }
        }
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        for (int i = 0; i < documentCase.Pages.Count; i++)
        {
            CasePage page = documentCase.Pages[i];
            if (i >= read.Count)
            {
                pages.Add(PageOutcome.Failed(page, "page missing from the document's result"));
                continue;
            }
            DocumentPage done = read[i];
            // A text-layer page has no rotation to find; it is read as it is.
            int? rotation = done.Source == PageTextSource.Ocr ? done.Page.Rotation : null;
            pages.Add(PageOutcome.Score(page, Lines(done.Page, DocumentCases.Dpi / done.Dpi), rotation));
        }
        Report(documentCase, engineName, pages, seconds);
        return new CaseOutcome(documentCase, engineName, pages, seconds);
    }

    private CaseOutcome RunRenderedPages(DocumentCase documentCase, string engineName)
    {
        var pages = new List<PageOutcome>();
        long started = Stopwatch.GetTimestamp();
        using (PdfDocument pdf = reader.Open(documentCase.Pdf, CancellationToken.None))
        {
            for (int i = 0; i < documentCase.Pages.Count; i++)
            {
                PdfPageInfo info = pdf.Info.Pages[i];
                double dpi = pdf.RenderDpi(info, DocumentReading.DpiFor(accuracy));
                RecognizedPage result = engine.Recognize(pdf.RenderPage(info.Number, dpi, CancellationToken.None), _lines);
                pages.Add(PageOutcome.Score(documentCase.Pages[i], Lines(result, DocumentCases.Dpi / dpi), null));
            }
        }
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Report(documentCase, engineName, pages, seconds);
        return new CaseOutcome(documentCase, engineName, pages, seconds);
    }

    private void Report(DocumentCase documentCase, string engineName, List<PageOutcome> pages, double seconds) =>
        log.WriteLine($"{engineName}: {documentCase.Name} ({documentCase.Input}) {pages.Count} page(s) in {seconds:F1} s");

    /// <summary>The engine's lines in its order, boxes scaled by <paramref name="scale"/> into the truth's pixels.</summary>
    private static List<PredictedLine> Lines(RecognizedPage page, double scale)
    {
        var lines = new List<PredictedLine>(page.Lines.Count);
        foreach (RecognizedLine line in page.Lines)
        {
            IReadOnlyList<ImagePoint> b = line.Box;
            if (b.Count != 4)
            {
                throw new InvalidOperationException($"The engine returned a box with {b.Count} corners.");
            }
            PixelPoint P(ImagePoint p) => new((float)(p.X * scale), (float)(p.Y * scale));
            lines.Add(new PredictedLine(line.Text, new Quad(P(b[0]), P(b[1]), P(b[2]), P(b[3]))));
        }
        return lines;
    }
}
