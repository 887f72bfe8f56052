using MaoOcr.Documents.Pdf;
using MaoOcr.Documents.Pdf.Combining;
using MaoOcr.Documents.Pdf.Reading;
using MaoOcr.Documents.Pdf.Writing;
using MaoOcr.Testing;
using MaoOcr.Testing.Documents;
using PdfTextLine = MaoOcr.Documents.Pdf.Writing.PdfTextLine;
using SkiaSharp;
using Tools = MaoOcr.Documents.Tests.Pdf.Writing.PdfTools;

namespace MaoOcr.Documents.Tests.Pdf.Combining;

/// <summary>
/// qpdf's overlay and join as the searchable-PDF builder uses them: a text-only page made the size the original page is
/// shown at, in the pixels it was rendered to, laid over the original must put its words where they are shown, also
/// on a page turned by /Rotate; and the parts of a batch join in order. Checked with qpdf --check and pdftotext.
/// </summary>
[Collection(PdfTempFolders.Name)]
public sealed class PdfCombinerTests
{
    private const double Dpi = 200;

    /// <summary>How far, in points, a word's extracted box may be from the ink it covers: the glyphless font's box is
    /// the line's box, the ink is a little inside it.</summary>
    private const double TolerancePoints = 3;

    private static readonly PdfDocumentReader s_reader = new(new PdfLimits { SecondsPerPage = 10, ToolMemoryMegabytes = 512 });
    private static readonly PdfCombiner s_combiner = new(s_reader);

    [Fact]
    public void qpdf_is_installed() => Assert.True(s_combiner.Available, "qpdf is needed: apt-get install qpdf");

    [Fact]
    public void A_text_layer_laid_over_a_scan_is_found_where_the_text_is_shown()
    {
        RenderedImage first = TextImageRenderer.RenderLines(["Overlay page one", "Account 4711"], new TextBlockStyle { FontSize = 40 });
        RenderedImage second = TextImageRenderer.RenderLines(["Second page of the scan"], new TextBlockStyle { FontSize = 40, Height = 500 });
        GeneratedPdf scan = TestPdfs.ScannedPdf([first, second], Dpi);

        using var directory = new TempDirectory();
        string combined = OverlayAndSave(directory, scan, [first, second]);

        Tools.AssertQpdfCheckClean(combined);
        Assert.Equal(2, Tools.PageSizes(combined).Count);
        Assert.Equal(first.Text, Tools.Text(combined, raw: true, page: 1).Trim());
        Assert.Equal(second.Text, Tools.Text(combined, raw: true, page: 2).Trim());
        AssertWordsWhereShown(combined, scan);
        // The scan is still there under the invisible text.
        using SKBitmap shown = Tools.Render(combined, 1, Dpi, directory.FullPath);
        Assert.Equal((first.Width, first.Height), (shown.Width, shown.Height));
        Assert.True(shown.Pixels.Count(c => c.Red < 128) > first.Width, "the rendered page shows no text");
    }

    [Theory]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public void A_text_layer_laid_over_a_turned_page_is_found_where_the_text_is_shown(int rotate)
    {
        RenderedImage upright = TextImageRenderer.RenderLines(["Sideways scanned page", "Total 1280.00"], new TextBlockStyle { FontSize = 40, Height = 600 });
        GeneratedPdf scan = TestPdfs.RotatedPagePdf(upright, rotate, Dpi);

        using var directory = new TempDirectory();
        string combined = OverlayAndSave(directory, scan, [upright]);

        Tools.AssertQpdfCheckClean(combined);
        // The original page is kept as it was, turned by its /Rotate: its size as shown is the upright page's.
        using (PdfDocument result = s_reader.Open(File.ReadAllBytes(combined), CancellationToken.None))
        {
            PdfPageInfo page = Assert.Single(result.Info.Pages);
            Assert.Equal(rotate, page.Rotate);
            Assert.Equal(scan.Pages[0].WidthPoints, page.WidthPoints, 0.01);
            Assert.Equal(scan.Pages[0].HeightPoints, page.HeightPoints, 0.01);
        }
        Assert.Equal(upright.Text, Tools.Text(combined, raw: true).Trim());
        AssertWordsWhereShown(combined, scan);
    }

    [Fact]
    public void Concatenate_joins_the_parts_in_order()
    {
        using var directory = new TempDirectory();
        byte[] one = TextOnly(["part one"]);
        byte[] two = TextOnly(["part two, page one"], ["part two, page two"]);
        byte[] three = TestPdfs.ScannedPdf([TextImageRenderer.RenderLines(["scan"])]).Bytes;

        byte[] joined = s_combiner.Concatenate([one, two, three], 4, CancellationToken.None);

        string path = directory.Combine("joined.pdf");
        File.WriteAllBytes(path, joined);
        Tools.AssertQpdfCheckClean(path);
        Assert.Equal(4, Tools.PageSizes(path).Count);
        Assert.Equal("part one", Tools.Text(path, raw: true, page: 1).Trim());
        Assert.Equal("part two, page one", Tools.Text(path, raw: true, page: 2).Trim());
        Assert.Equal("part two, page two", Tools.Text(path, raw: true, page: 3).Trim());
        Assert.Equal(string.Empty, Tools.Text(path, raw: true, page: 4).Trim('\f', '\n', ' '));
    }

    [Fact]
    public void Concatenate_of_one_part_returns_it_as_it_is()
    {
        byte[] one = TextOnly(["only part"]);

        Assert.Same(one, s_combiner.Concatenate([one], 1, CancellationToken.None));
    }

    [Fact]
    public void Joining_a_broken_part_fails_as_an_invalid_PDF()
    {
        byte[] one = TextOnly(["good part"]);

        PdfException e = Assert.Throws<PdfException>(() => s_combiner.Concatenate([one, HostilePdfs.GarbageAfterHeader()], 2, CancellationToken.None));

        Assert.Equal(PdfErrorKind.Invalid, e.Kind);
        Assert.Contains("joining the pages", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Opens <paramref name="scan"/>, lays a text-only page per page over it (made as the builder makes them:
    /// the size shown, the lines in the pixels of the upright image), and saves the result.</summary>
    private static string OverlayAndSave(TempDirectory directory, GeneratedPdf scan, IReadOnlyList<RenderedImage> shown)
    {
        using PdfDocument original = s_reader.Open(scan.Bytes, CancellationToken.None);
        using var layer = new MemoryStream();
        using (var writer = new SearchablePdfWriter(layer))
        {
            for (int i = 0; i < shown.Count; i++)
            {
                PdfPageInfo page = original.Info.Pages[i];
                PdfTextLine[] lines = shown[i].Lines.Select(l => PdfTextLine.FromRectangle(l.Text, l.Box.Bounds.Left, l.Box.Bounds.Top, l.Box.Bounds.Right, l.Box.Bounds.Bottom)).ToArray();
                writer.AddTextOnlyPage(new PdfPageSize(page.WidthPoints, page.HeightPoints), shown[i].Width, shown[i].Height, lines);
            }
            writer.Finish();
        }
        byte[] combined = s_combiner.Overlay(original, layer.ToArray(), CancellationToken.None);
        string path = directory.Combine($"{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, combined);
        return path;
    }

    /// <summary>Every word of every line is extracted inside the box of the line as the page shows it (pdftotext -bbox works on the page as shown).</summary>
    private static void AssertWordsWhereShown(string pdf, GeneratedPdf truth)
    {
        IReadOnlyList<Tools.Word> words = Tools.Words(pdf);
        for (int p = 0; p < truth.Pages.Count; p++)
        {
            foreach (MaoOcr.Testing.Documents.PdfTextLine line in truth.Pages[p].Lines)
            {
                PixelRect ink = line.PointBox.Bounds;
                foreach (string text in line.Text.Split(' '))
                {
                    Tools.Word word = Assert.Single(words, w => w.Page == p + 1 && w.Text == text);
                    Assert.True(word.XMin >= ink.Left - TolerancePoints && word.XMax <= ink.Right + TolerancePoints
                        && Math.Abs(((word.YMin + word.YMax) / 2) - ink.Centre.Y) < TolerancePoints,
                        $"page {p + 1} '{text}' at x {word.XMin:0.#}–{word.XMax:0.#}, y {word.YMin:0.#}–{word.YMax:0.#}; its line's ink is {ink}");
                }
            }
        }
    }

    private static byte[] TextOnly(params string[][] pages)
    {
        using var output = new MemoryStream();
        using (var writer = new SearchablePdfWriter(output))
        {
            foreach (string[] lines in pages)
            {
                writer.AddTextOnlyPage(new PdfPageSize(300, 200), 300, 200, lines.Select((l, i) => PdfTextLine.FromRectangle(l, 20, 20 + (i * 40), 280, 50 + (i * 40))).ToArray());
            }
            writer.Finish();
        }
        return output.ToArray();
    }
}
