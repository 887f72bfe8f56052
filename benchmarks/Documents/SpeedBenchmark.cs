using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using MaoOcr.Appliance.Documents;
using MaoOcr.Documents.Pdf;
using MaoOcr.Documents.Pdf.Reading;
using MaoOcr.Inference.Pipeline;
using MaoOcr.Testing;
using MaoOcr.Testing.Documents;

namespace MaoOcr.Benchmarks.Documents;

/// <summary>
/// The speed mode: what a scanned PDF page costs against the image it holds. One A4 page at 200 dpi (the English
/// two-column page, scanned to JPEG) is repeated into an N-page PDF. For each page, in an order that rotates page by
/// page so that drift on a shared machine falls on every measure alike, it times: DocumentReading's ReadNextPage (the
/// appliance's path), PdfDocument.RenderPage alone, OcrEngine.Recognize on those rendered pixels, and Recognize on the
/// page's JPEG, all with the options DocumentReading uses (layout and orientation on). Then a text-layer PDF of N
/// pages is read through DocumentReading three times (no OCR).
/// </summary>
internal static class SpeedBenchmark
{
    private const int TextLayerRepeats = 3;

    private static readonly CultureInfo s_c = CultureInfo.InvariantCulture;

    public static string Run(DocumentOptions options, string output, TextWriter log)
    {
        int n = options.Pages;
        RenderedImage page = TextImageRenderer.Render(
            TestPages.TwoColumn(DocumentCases.Dpi),
            new ImageEffects { Seed = 14, NoiseSigma = 2, Format = ImageFileFormat.Jpeg, Quality = 90 });
        byte[] scanned = TestPdfs.RepeatedScannedPdf(page, n, DocumentCases.Dpi).Bytes;
        byte[] textLayer = TestPdfs.TextLayerPdf(Enumerable.Repeat(TestPages.TwoColumn(DocumentCases.Dpi), n).ToList(), DocumentCases.Dpi).Bytes;
        File.WriteAllBytes(Path.Combine(output, "speed-page.jpg"), page.Bytes);
        File.WriteAllBytes(Path.Combine(output, "speed-scanned.pdf"), scanned);
        File.WriteAllBytes(Path.Combine(output, "speed-text-layer.pdf"), textLayer);
        log.WriteLine($"page {page.Width}×{page.Height} JPEG ({page.Bytes.Length / 1024} KiB); scanned PDF {n} pages ({scanned.Length / 1024} KiB)");

        var reader = new PdfDocumentReader(new PdfLimits());
        var recognition = new RecognitionOptions { Accuracy = options.Accuracy, UseLayoutAnalysis = true, DetectPageOrientation = true };
        double dpi = DocumentReading.DpiFor(options.Accuracy);
        var render = new double[n];
        var ocr = new double[n];
        var image = new double[n];
        var readPage = new double[n];
        double openMs;
        int renderedWidth = 0, renderedHeight = 0;
        using (OcrEngine engine = OcrEngine.Create(new OcrEngineOptions { IntraOpThreads = options.Threads }))
        using (PdfDocument pdf = reader.Open(scanned, CancellationToken.None))
        {
            engine.Recognize(page.Bytes, recognition);
            RecognizedPage warm = engine.Recognize(pdf.RenderPage(1, dpi, CancellationToken.None), recognition);
            (renderedWidth, renderedHeight) = (warm.Width, warm.Height);

            long opened = Stopwatch.GetTimestamp();
            using DocumentReading reading = DocumentReading.Open(reader, engine, scanned, recognition, forceOcr: false, CancellationToken.None);
            openMs = Stopwatch.GetElapsedTime(opened).TotalMilliseconds;
            for (int i = 0; i < n; i++)
            {
                byte[]? pixels = null;
                Action[] measures =
                [
                    () => readPage[i] = Time(() => reading.ReadNextPage(null, CancellationToken.None)),
                    () =>
                    {
                        render[i] = Time(() => pixels = pdf.RenderPage(i + 1, dpi, CancellationToken.None));
                        ocr[i] = Time(() => engine.Recognize(pixels, recognition));
                    },
                    () => image[i] = Time(() => engine.Recognize(page.Bytes, recognition)),
                ];
                for (int m = 0; m < measures.Length; m++)
                {
                    measures[(i + m) % measures.Length]();
                }
                log.WriteLine($"page {i + 1}/{n}: DocumentReading {readPage[i]:F0} ms, render {render[i]:F0} ms + OCR {ocr[i]:F0} ms, image {image[i]:F0} ms");
            }
        }

        var textLayerSeconds = new double[TextLayerRepeats];
        using (OcrEngine engine = OcrEngine.Create(new OcrEngineOptions { IntraOpThreads = options.Threads }))
        {
            for (int r = 0; r < TextLayerRepeats; r++)
            {
                long started = Stopwatch.GetTimestamp();
                using DocumentReading reading = DocumentReading.Open(reader, engine, textLayer, recognition, forceOcr: false, CancellationToken.None);
                while (!reading.Finished)
                {
                    if (reading.ReadNextPage(null, CancellationToken.None).Source != PageTextSource.TextLayer)
                    {
                        throw new InvalidOperationException("A text-layer page was OCR'd.");
                    }
                }
                textLayerSeconds[r] = Stopwatch.GetElapsedTime(started).TotalSeconds;
            }
        }

        double documentMs = openMs + readPage.Sum();
        double perPdfPage = documentMs / n;
        var text = new StringBuilder();
        text.AppendLine(s_c, $"Scanned PDF: {n} pages, each the English two-column A4 page as a {page.Width}×{page.Height} JPEG at {DocumentCases.Dpi:F0} dpi; accuracy {options.Accuracy}, so pages render at {dpi:F0} dpi ({renderedWidth}×{renderedHeight}); layout and orientation on throughout; ORT threads {(options.Threads == 0 ? "default" : options.Threads.ToString(s_c))}; {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}.");
        text.AppendLine();
        text.AppendLine("| Measure | Median ms/page | Mean ms/page |");
        text.AppendLine("|---|--:|--:|");
        text.AppendLine(s_c, $"| Rendering alone (PdfDocument.RenderPage: sandboxed pdftoppm, raw PPM) | {Median(render):F0} | {render.Average():F0} |");
        text.AppendLine(s_c, $"| OCR of the rendered page (OcrEngine.Recognize on the PPM) | {Median(ocr):F0} | {ocr.Average():F0} |");
        text.AppendLine(s_c, $"| The same page as its JPEG (OcrEngine.Recognize) | {Median(image):F0} | {image.Average():F0} |");
        text.AppendLine(s_c, $"| A page through DocumentReading (ReadNextPage: render + OCR) | {Median(readPage):F0} | {readPage.Average():F0} |");
        text.AppendLine(s_c, $"| The whole document through DocumentReading, per page (open included: {openMs:F0} ms) | | {perPdfPage:F0} |");
        text.AppendLine();
        text.AppendLine(s_c, $"- Scanned PDF through DocumentReading: **{n / (documentMs / 1000):F2} pages/s** ({documentMs / 1000:F1} s for {n} pages).");
        text.AppendLine(s_c, $"- PDF page ÷ image page (medians, ReadNextPage ÷ Recognize on the JPEG): **{Median(readPage) / Median(image):F2}**; whole document per page ÷ image median: {perPdfPage / Median(image):F2}.");
        text.AppendLine(s_c, $"- Rendering share of a PDF page (median render ÷ median ReadNextPage): **{Median(render) / Median(readPage) * 100:F1}%**; (median render + median OCR) ÷ median ReadNextPage: {(Median(render) + Median(ocr)) / Median(readPage):F2}.");
        text.AppendLine(s_c, $"- OCR of the rendered PPM ÷ OCR of the JPEG (medians): {Median(ocr) / Median(image):F2}.");
        text.AppendLine(s_c, $"- Text-layer PDF ({n} pages, no OCR) through DocumentReading: **{n / Median(textLayerSeconds):F1} pages/s** (median of {TextLayerRepeats} reads: {Median(textLayerSeconds) * 1000:F0} ms for the document, open included).");
        return text.ToString();
    }

    private static double Time(Action action)
    {
        long started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Median(double[] values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
