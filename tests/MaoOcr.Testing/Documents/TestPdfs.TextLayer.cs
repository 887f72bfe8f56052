using SkiaSharp;

namespace MaoOcr.Testing.Documents;

public static partial class TestPdfs
{
    // Skia writes these dates into the document information; fixed, so the same pages give the same bytes.
    private static readonly DateTime s_fixedDate = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// A born-digital PDF: each scene becomes a page <c>Width × 72 / dpi</c> points wide, its text drawn as real
    /// text in the embedded (subset) font, so a text extractor reads it back without OCR. The lines come back in the
    /// order of <see cref="TextScene.Texts"/>; their boxes are the ink bounds Skia measures, as for an image of the
    /// same scene (<see cref="TextImageRenderer.Render"/> at <paramref name="dpi"/> draws the same pixels).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="pages"/> is empty, or a text is invalid as for <see cref="TextImageRenderer.Render"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dpi"/> is outside <see cref="MinDpi"/>–<see cref="MaxDpi"/>.</exception>
    public static GeneratedPdf TextLayerPdf(IReadOnlyList<TextScene> pages, double dpi = 200)
    {
        ArgumentNullException.ThrowIfNull(pages);
        if (pages.Count == 0)
        {
            throw new ArgumentException("At least one page is needed.", nameof(pages));
        }
        CheckDpi(dpi);
        var metadata = new SKDocumentPdfMetadata
        {
            Creator = "MaoOcr.Testing",
            Producer = "MaoOcr.Testing",
            Creation = s_fixedDate,
            Modified = s_fixedDate,
            // Nothing should be rasterised; if Skia had to, it would be at the page's own resolution.
            RasterDpi = (float)dpi,
            EncodingQuality = 101,
        };
        var truth = new List<PdfPageTruth>(pages.Count);
        using var output = new MemoryStream();
        using (SKDocument document = SKDocument.CreatePdf(output, metadata))
        {
            float scale = (float)(72 / dpi);
            foreach (TextScene scene in pages)
            {
                float width = scene.Width * scale, height = scene.Height * scale;
                SKCanvas canvas = document.BeginPage(width, height);
                canvas.Scale(scale);
                // Seed 0, as TextImageRenderer.Render uses with no effects, so a paper background matches the image's.
                List<GroundTruthLine> lines = TextImageRenderer.DrawScene(canvas, scene, new Random(0));
                document.EndPage();
                truth.Add(new PdfPageTruth(width, height, 0, dpi, lines.Select(l => PdfTextLine.FromPixels(l, dpi)).ToList()));
            }
            document.Close();
        }
        return new GeneratedPdf(output.ToArray(), truth);
    }

    /// <summary>A one-page <see cref="TextLayerPdf(IReadOnlyList{TextScene}, double)"/> of a left-aligned block, laid out as <see cref="TextImageRenderer.RenderLines"/> lays it out.</summary>
    /// <exception cref="ArgumentException"><paramref name="lines"/> is empty or a line is invalid.</exception>
    public static GeneratedPdf TextLayerPdf(IReadOnlyList<string> lines, TextBlockStyle? style = null, double dpi = 200)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            throw new ArgumentException("At least one line is needed.", nameof(lines));
        }
        return TextLayerPdf([TextImageRenderer.LayoutLines(lines, style ?? new TextBlockStyle())], dpi);
    }
}
