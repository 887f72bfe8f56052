using System.Globalization;
using MaoOcr.Testing.Documents;
using SkiaSharp;

namespace MaoOcr.Testing.Tests.Documents;

public sealed class ScannedPdfTests
{
    private const double Dpi = 100;

    private static RenderedImage Page(string text, ImageFileFormat format = ImageFileFormat.Png) => TextImageRenderer.RenderLines(
        [text, "Second line 2024-06-01", "第三行 仓库温度正常"],
        new TextBlockStyle { Font = TestFonts.NotoSansCjkSc, FontSize = 36, Width = 800, Height = 400 },
        new ImageEffects { Format = format, Quality = 90 });

    [Fact]
    public void Pdfinfo_reports_each_page_at_the_image_size_and_qpdf_finds_no_fault()
    {
        GeneratedPdf pdf = TestPdfs.ScannedPdf([Page("Page one"), Page("Page two", ImageFileFormat.Jpeg)], Dpi);
        using var directory = new TempDirectory();
        string path = PdfTools.Save(directory, "scan.pdf", pdf.Bytes);

        Dictionary<string, string> info = PdfTools.Info(path);
        Assert.Equal("2", info["Pages"]);
        // 800 × 400 pixels at 100 dpi are 576 × 288 points.
        Assert.StartsWith("576 x 288 pts", info["Page size"], StringComparison.Ordinal);
        Assert.Equal(576, pdf.Pages[1].MediaWidthPoints, 3);
        Assert.Equal((800, 400), (pdf.Pages[0].WidthPixels, pdf.Pages[0].HeightPixels));
        AssertQpdfCheckPasses(path);
    }

    [Fact]
    public void Pdftotext_finds_no_text_in_a_scan()
    {
        GeneratedPdf pdf = TestPdfs.ScannedPdf([Page("Nothing to extract here")], Dpi);
        using var directory = new TempDirectory();
        ToolResult text = PdfTools.Run("pdftotext", PdfTools.Save(directory, "scan.pdf", pdf.Bytes), "-");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Equal("", text.StdOut.Trim().Trim('\f'));
        // The truth is still there, for OCR.
        Assert.Equal("Nothing to extract here", pdf.Pages[0].Lines[0].Text);
    }

    [Theory]
    // Out of 255 per channel. poppler resamples the image onto its own pixel grid, which moves the edges of the
    // glyphs by a fraction of a pixel.
    [InlineData(ImageFileFormat.Png, 2.0)]
    [InlineData(ImageFileFormat.Jpeg, 3.0)]
    public void Pdftoppm_renders_the_page_as_the_source_image(ImageFileFormat format, double tolerance)
    {
        RenderedImage source = Page("Render me back", format);
        GeneratedPdf pdf = TestPdfs.ScannedPdf([source], Dpi);
        using var directory = new TempDirectory();
        using SKBitmap rendered = PageImages.Render(directory, PdfTools.Save(directory, "scan.pdf", pdf.Bytes), 1, Dpi);
        using SKBitmap original = PageImages.Decode(source.Bytes);
        Assert.InRange(PageImages.MeanDifference(rendered, original), 0, tolerance);
    }

    [Fact]
    public void A_repeated_scan_has_every_page_and_the_same_bytes_each_time()
    {
        RenderedImage page = Page("Twenty pages", ImageFileFormat.Jpeg);
        GeneratedPdf pdf = TestPdfs.RepeatedScannedPdf(page, 20, Dpi);
        Assert.Equal(pdf.Bytes, TestPdfs.RepeatedScannedPdf(page, 20, Dpi).Bytes);
        Assert.Equal(20, pdf.Pages.Count);
        using var directory = new TempDirectory();
        string path = PdfTools.Save(directory, "repeated.pdf", pdf.Bytes);
        Assert.Equal("20", PdfTools.Info(path)["Pages"]);
        AssertQpdfCheckPasses(path);
        // Each page has its own image object: 20 copies of the JPEG.
        Assert.InRange(pdf.Bytes.Length, 20 * page.Bytes.Length, (20 * page.Bytes.Length) + 20_000);
    }

    [Theory]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public void A_page_stored_turned_with_Rotate_renders_upright(int rotate)
    {
        RenderedImage upright = Page("Rotate me");
        GeneratedPdf pdf = TestPdfs.RotatedPagePdf(upright, rotate, Dpi);
        using var directory = new TempDirectory();
        string path = PdfTools.Save(directory, "rotated.pdf", pdf.Bytes);

        Dictionary<string, string> info = PdfTools.Info(path);
        Assert.Equal(rotate.ToString(CultureInfo.InvariantCulture), info["Page rot"]);
        // The media box is the stored image's: turned a quarter, width and height swap.
        Assert.StartsWith(rotate == 180 ? "576 x 288 pts" : "288 x 576 pts", info["Page size"], StringComparison.Ordinal);
        Assert.Equal(rotate, pdf.Pages[0].Rotate);
        Assert.Equal((800, 400), (pdf.Pages[0].WidthPixels, pdf.Pages[0].HeightPixels));
        AssertQpdfCheckPasses(path);

        using SKBitmap rendered = PageImages.Render(directory, path, 1, Dpi);
        using SKBitmap original = PageImages.Decode(upright.Bytes);
        Assert.InRange(PageImages.MeanDifference(rendered, original), 0, 2.0);
        if (rotate == 180)
        {
            // The bound tells orientations apart: the page as stored, upside down, is far off.
            using SKBitmap stored = PageImages.Decode(QuarterTurns.Rotate(upright, 180).Bytes);
            Assert.True(PageImages.MeanDifference(rendered, stored) > 6.0);
        }
    }

    internal static void AssertQpdfCheckPasses(string path)
    {
        ToolResult check = PdfTools.Run("qpdf", "--check", path);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("No syntax or stream encoding errors found", check.StdOut, StringComparison.Ordinal);
    }
}
