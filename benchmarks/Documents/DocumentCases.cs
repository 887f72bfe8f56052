using MaoOcr.Testing;
using MaoOcr.Testing.Documents;
using SkiaSharp;

namespace MaoOcr.Benchmarks.Documents;

/// <summary>How a case's pages reach the engine.</summary>
internal enum CaseInput
{
    /// <summary>Each page as an image file, through OcrEngine.Recognize (the peer reads these too).</summary>
    Image,

    /// <summary>The same pages as the images of one scanned PDF, through DocumentReading.</summary>
    ScannedPdf,

    /// <summary>A born-digital PDF whose text layer is read as it is, no OCR.</summary>
    TextLayerPdf,
}

/// <summary>One page of a case and what is on it.</summary>
/// <param name="Name">A file-name stem, unique in the run, e.g. "two-column-en-1".</param>
/// <param name="Truth">The lines in reading order, boxes in pixels at <see cref="DocumentCases.Dpi"/> as the page is shown.</param>
/// <param name="Image">The scan (null on a text-layer page).</param>
/// <param name="ExpectedRotation">The <c>RecognizedPage.Rotation</c> that puts the page upright: 0, 90, 180 or 270.</param>
internal sealed record CasePage(string Name, IReadOnlyList<GroundTruthLine> Truth, RenderedImage? Image, int ExpectedRotation);

/// <summary>A kind of page in one input form; <paramref name="Pdf"/> holds all its pages when the input is a PDF.</summary>
internal sealed record DocumentCase(string Name, CaseInput Input, IReadOnlyList<CasePage> Pages, byte[]? Pdf);

/// <summary>
/// The accuracy run's cases: two-column pages in English and Chinese, a mixed Chinese and English page, and the English
/// two-column page turned 90°, 180° and 270°, each as images and as one scanned PDF; and a text-layer PDF of the three
/// upright pages. Each page of a case is its own scan of the page: JPEG, light noise and up to ±0.5° of skew, drawn from the seed.
/// </summary>
internal static class DocumentCases
{
    /// <summary>The scan resolution: an A4 page is 1654 × 2339 pixels, what DocumentReading renders at balanced accuracy.</summary>
    public const double Dpi = 200;

    private static readonly (string Name, Func<TextScene> Scene, int TurnClockwise)[] s_kinds =
    [
        ("two-column-en", () => TestPages.TwoColumn(Dpi), 0),
        ("two-column-zh", () => TestPages.TwoColumnChinese(Dpi), 0),
        ("mixed-zh-en", () => TestPages.MixedChineseEnglish(Dpi), 0),
        ("turned-90", () => TestPages.TwoColumn(Dpi), 90),
        ("turned-180", () => TestPages.TwoColumn(Dpi), 180),
        ("turned-270", () => TestPages.TwoColumn(Dpi), 270),
    ];

    public static IReadOnlyList<DocumentCase> Build(int pagesPerCase, int seed)
    {
        var cases = new List<DocumentCase>();
        for (int k = 0; k < s_kinds.Length; k++)
        {
            (string name, Func<TextScene> scene, int turn) = s_kinds[k];
            var pages = new List<CasePage>(pagesPerCase);
            for (int i = 0; i < pagesPerCase; i++)
            {
                pages.Add(Scan($"{name}-{i + 1}", scene(), unchecked(seed + (1000 * k) + i), turn));
            }
            cases.Add(new DocumentCase(name, CaseInput.Image, pages, null));
            cases.Add(new DocumentCase(name, CaseInput.ScannedPdf, pages, TestPdfs.ScannedPdf(pages.Select(p => p.Image!).ToList(), Dpi).Bytes));
        }

        TextScene[] upright = [TestPages.TwoColumn(Dpi), TestPages.TwoColumnChinese(Dpi), TestPages.MixedChineseEnglish(Dpi)];
        int textPages = Math.Max(pagesPerCase, upright.Length);
        GeneratedPdf textLayer = TestPdfs.TextLayerPdf(Enumerable.Range(0, textPages).Select(i => upright[i % upright.Length]).ToList(), Dpi);
        var layerPages = textLayer.Pages
            .Select((p, i) => new CasePage($"text-layer-{i + 1}", p.Lines.Select(l => new GroundTruthLine(l.Text, l.PixelBox)).ToList(), null, 0))
            .ToList();
        cases.Add(new DocumentCase("text-layer", CaseInput.TextLayerPdf, layerPages, textLayer.Bytes));
        return cases;
    }

    private static CasePage Scan(string name, TextScene scene, int seed, int turnClockwise)
    {
        var random = new Random(seed);
        var effects = new ImageEffects
        {
            Seed = seed,
            RotationDegrees = (random.NextSingle() - 0.5f) * 1f,
            Surround = SKColors.White,
            NoiseSigma = 2 + (random.NextSingle() * 3),
            Format = ImageFileFormat.Jpeg,
            Quality = 80 + random.Next(11),
        };
        RenderedImage image = QuarterTurns.Rotate(TextImageRenderer.Render(scene, effects), turnClockwise);
        // Turned clockwise by t, the page reads upright after a further (360 − t) clockwise.
        return new CasePage(name, image.Lines, image, (360 - turnClockwise) % 360);
    }
}
