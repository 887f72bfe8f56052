using MaoOcr.Appliance.Core;
using MaoOcr.Documents.Pdf;
using MaoOcr.Documents.Pdf.Combining;
using MaoOcr.Documents.Pdf.Writing;
using MaoOcr.Inference.Imaging;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Appliance.Documents;

/// <summary>
/// Makes the searchable PDF of a request's inputs, in order: an image becomes a page that shows it (a JPEG as it was sent,
/// other formats lossless) under its invisible text; a PDF keeps its own pages, with the recognised text laid over the
/// pages that were OCR'd (qpdf's overlay), or, where qpdf is missing, becomes its rendered pages under their text.
/// </summary>
public static class SearchablePdfBuilder
{
    /// <param name="inputs">The request's inputs, by index.</param>
    /// <param name="results">What was read from each input.</param>
    /// <param name="documents">The opened PDFs, by input index.</param>
    /// <param name="maxImagePixels">The engine's pixel limit, for decoding images again.</param>
    /// <exception cref="PdfException">qpdf or the renderer failed on a PDF input.</exception>
    public static byte[] Build(IReadOnlyList<ReadOnlyMemory<byte>> inputs, IReadOnlyList<OcrItemResult> results, IReadOnlyDictionary<int, DocumentReading> documents,
        PdfCombiner combiner, long maxImagePixels, CancellationToken cancellationToken)
    {
        var parts = new List<byte[]>();
        int pages = 0;
        var current = new MemoryStream();
        SearchablePdfWriter? writer = null;

        SearchablePdfWriter Writer() => writer ??= new SearchablePdfWriter(current);

        void Flush()
        {
            if (writer is not null)
            {
                writer.Finish();
                writer.Dispose();
                writer = null;
                parts.Add(current.ToArray());
                current = new MemoryStream();
            }
        }

        try
        {
            for (int i = 0; i < results.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (results[i].Image is { } image)
                {
                    AddImage(Writer(), inputs[i].Span, image, maxImagePixels);
                    pages++;
                    continue;
                }
                RecognizedDocument document = results[i].Document!;
                DocumentReading reading = documents[i];
                pages += document.Pages.Count;
                if (combiner.Available)
                {
                    Flush();
                    parts.Add(combiner.Overlay(reading.Pdf, TextLayerFor(document), cancellationToken));
                    continue;
                }
                foreach (DocumentPage page in document.Pages)
                {
                    byte[] jpeg = reading.Pdf.RenderPageJpeg(page.Number, page.Dpi, cancellationToken);
                    PdfPageImage picture = PdfPageImage.Jpeg(jpeg);
                    IReadOnlyList<PdfTextLine> lines = page.Source == PageTextSource.Ocr ? LinesOf(page.Page, picture.Width / (double)page.Page.Width) : [];
                    Writer().AddImagePage(picture, new PdfPageSize(page.WidthPoints, page.HeightPoints), lines);
                }
            }
            Flush();
        }
        finally
        {
            writer?.Dispose();
        }
        return combiner.Concatenate(parts, pages, cancellationToken);
    }

    private static void AddImage(SearchablePdfWriter writer, ReadOnlySpan<byte> bytes, RecognizedPage page, long maxImagePixels)
    {
        PdfPageSize size = PdfPageSize.ForUnknownResolution(page.Width, page.Height);
        IReadOnlyList<PdfTextLine> lines = LinesOf(page, 1);
        if (PageImages.IsUprightJpeg(bytes) && JpegFrameInfo.TryParse(bytes, out JpegFrameInfo frame)
            && frame.Components is 1 or 3 && frame.Width == page.Width && frame.Height == page.Height)
        {
            writer.AddImagePage(PdfPageImage.Jpeg(bytes.ToArray(), frame.Width, frame.Height, frame.Components), size, lines);
            return;
        }
        RgbImage rgb = PageImages.DecodeRgb(bytes, maxImagePixels);
        writer.AddImagePage(PdfPageImage.Raw(rgb.Pixels, rgb.Width, rgb.Height, 3), size, lines);
    }

    /// <summary>A text-only page per document page, the size it is shown at; pages that had their own text get none.</summary>
    private static byte[] TextLayerFor(RecognizedDocument document)
    {
        using var output = new MemoryStream();
        using (var writer = new SearchablePdfWriter(output))
        {
            foreach (DocumentPage page in document.Pages)
            {
                IReadOnlyList<PdfTextLine> lines = page.Source == PageTextSource.Ocr ? LinesOf(page.Page, 1) : [];
                writer.AddTextOnlyPage(new PdfPageSize(page.WidthPoints, page.HeightPoints), page.Page.Width, page.Page.Height, lines);
            }
            writer.Finish();
        }
        return output.ToArray();
    }

    private static PdfTextLine[] LinesOf(RecognizedPage page, double scale) =>
        page.Lines.Select(l => new PdfTextLine(l.Text, Point(l.Box[0], scale), Point(l.Box[1], scale), Point(l.Box[2], scale), Point(l.Box[3], scale))).ToArray();

    private static PdfPoint Point(ImagePoint p, double scale) => new(p.X * scale, p.Y * scale);
}
