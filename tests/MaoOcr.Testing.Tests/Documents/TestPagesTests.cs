using MaoOcr.Testing.Documents;

namespace MaoOcr.Testing.Tests.Documents;

public sealed class TestPagesTests
{
    [Fact]
    public void The_two_column_page_lists_title_columns_and_footer_in_reading_order()
    {
        TextScene scene = TestPages.TwoColumn(dpi: 100);
        RenderedImage image = TextImageRenderer.Render(scene);
        IReadOnlyList<GroundTruthLine> lines = image.Lines;
        PixelRect title = lines[0].Box.Bounds, footer = lines[^1].Box.Bounds;
        List<PixelRect> body = lines.Skip(1).SkipLast(1).Select(l => l.Box.Bounds).ToList();
        float middle = image.Width / 2f;
        int firstColumn = body.TakeWhile(b => b.Right < middle).Count();
        List<PixelRect> left = body[..firstColumn], right = body[firstColumn..];

        Assert.True(title.Left < middle && title.Right > middle, "The title spans both columns.");
        Assert.InRange(left.Count, 3, 20);
        Assert.InRange(right.Count, 3, 20);
        Assert.All(right, b => Assert.True(b.Left > middle, "Column 2 follows column 1 in the list and sits right of the middle."));
        Assert.All(body, b => Assert.True(b.Top > title.Bottom && b.Bottom < footer.Top));
        Assert.Equal(left[0].Centre.Y, right[0].Centre.Y, 5f);
        Assert.True(left.Zip(left.Skip(1)).All(p => p.First.Bottom < p.Second.Top), "Column 1 runs top to bottom.");
    }

    [Fact]
    public void Pdftotext_reads_the_two_column_page_in_reading_order()
    {
        GeneratedPdf pdf = TestPdfs.TextLayerPdf([TestPages.TwoColumn()]);
        using var directory = new TempDirectory();
        string path = PdfTools.Save(directory, "columns.pdf", pdf.Bytes);
        // -raw keeps the content stream's order, which is the reading order. (pdftotext's own layout analysis
        // splits the level columns into blocks and interleaves them: reading order is not free.)
        Assert.Equal(pdf.Pages[0].Lines.Select(l => l.Text), TextLayerPdfTests.ExtractLines(path, "-raw"));
        Assert.StartsWith("595.", PdfTools.Info(path)["Page size"], StringComparison.Ordinal);
    }

    [Fact]
    public void Pdftotext_reads_the_mixed_chinese_and_english_page()
    {
        GeneratedPdf pdf = TestPdfs.TextLayerPdf([TestPages.MixedChineseEnglish()]);
        Assert.Contains(pdf.Pages[0].Lines, l => l.Text.Contains("Each page", StringComparison.Ordinal));
        using var directory = new TempDirectory();
        Assert.Equal(pdf.Pages[0].Lines.Select(l => l.Text), TextLayerPdfTests.ExtractLines(PdfTools.Save(directory, "mixed.pdf", pdf.Bytes)));
    }
}
