using MaoOcr.Testing.Documents;

namespace MaoOcr.Client.Tests;

/// <summary>
/// PDFs through the SDK against the real appliance: scanned pages read by OCR with per-page progress, text-layer pages
/// taken as they are unless OCR is forced, blocks, and the searchable PDF checked with qpdf and pdftotext.
/// </summary>
[Collection(ApplianceGroup.Name)]
public sealed class DocumentTests
{
    private static readonly OcrRequestOptions s_english = new() { Language = OcrLanguage.English };

    private readonly RunningAppliance _appliance;

    public DocumentTests(ApplianceFixture fixture) => _appliance = fixture.Appliance;

    [Fact]
    public async Task Scanned_pdf_streams_rising_progress_per_page_and_returns_each_page_read_by_ocr()
    {
        await using MaoOcrClient client = await Sdk.ConnectAsync(_appliance);
        GeneratedPdf pdf = TestPdfs.ScannedPdf(
        [
            TextImageRenderer.RenderLines(["Scanned page one 7781", "Total due 42.50"]),
            TextImageRenderer.RenderLines(["Second scanned page", "Signed in 2026"]),
        ]);

        List<OcrEvent> events = [];
        await foreach (OcrEvent e in client.StreamAsync(pdf.Bytes, s_english).WithCancellation(default))
        {
            events.Add(e);
        }

        OcrProgress[] progress = [.. events.OfType<OcrProgress>()];
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Equal(2, p.Pages));
        Assert.All(progress, p => Assert.InRange(p.Page, 1, 2));
        Assert.Contains(progress, p => p.Page == 2);
        for (int i = 1; i < progress.Length; i++)
        {
            Assert.True(progress[i].Percent >= progress[i - 1].Percent, $"progress went back: {progress[i - 1]} then {progress[i]}");
            Assert.True(progress[i].Page >= progress[i - 1].Page, $"page went back: {progress[i - 1]} then {progress[i]}");
        }

        OcrResult result = Assert.IsType<OcrCompleted>(events[^1]).Result!;
        Assert.Equal(2, result.PageCount);
        Assert.Equal([1, 2], result.Pages.Select(p => p.Page));
        Assert.True(TextMetrics.CharacterErrorRate(pdf.Text, result.Text) <= 0.05, result.Text);
        Assert.Empty(result.Lines);
        Assert.Null(result.SearchablePdf);
        for (int i = 0; i < 2; i++)
        {
            OcrPage page = result.Pages[i];
            PdfPageTruth truth = pdf.Pages[i];
            Assert.Equal(OcrPageSource.Ocr, page.Source);
            Assert.True(TextMetrics.CharacterErrorRate(string.Join('\n', truth.Lines.Select(l => l.Text)), page.Text) <= 0.05, page.Text);
            AssertPageGeometry(page, truth);
            Assert.Equal(truth.Lines.Count, page.Lines.Count);
            Assert.True(page.Timings.TotalMs > 0);
        }
    }

    [Fact]
    public async Task Text_layer_pdf_is_read_from_its_layer_unless_ocr_is_forced()
    {
        await using MaoOcrClient client = await Sdk.ConnectAsync(_appliance);
        GeneratedPdf pdf = TestPdfs.TextLayerPdf(["Born digital text 5150", "Nothing to recognise"]);

        OcrResult layer = await client.RecognizeAsync(pdf.Bytes, s_english).WaitAsync(Sdk.Patience);
        OcrResult forced = await client.RecognizeAsync(pdf.Bytes, s_english with { ForceOcr = true }).WaitAsync(Sdk.Patience);

        OcrPage fromLayer = Assert.Single(layer.Pages);
        Assert.Equal(OcrPageSource.TextLayer, fromLayer.Source);
        Assert.True(TextMetrics.CharacterErrorRate(pdf.Text, layer.Text) <= 0.02, layer.Text);
        AssertPageGeometry(fromLayer, pdf.Pages[0]);

        OcrPage fromOcr = Assert.Single(forced.Pages);
        Assert.Equal(OcrPageSource.Ocr, fromOcr.Source);
        Assert.True(TextMetrics.CharacterErrorRate(pdf.Text, forced.Text) <= 0.05, forced.Text);
        AssertPageGeometry(fromOcr, pdf.Pages[0]);
    }

    [Fact]
    public async Task Searchable_pdf_of_a_pdf_file_passes_qpdf_and_holds_the_text()
    {
        await using MaoOcrClient client = await Sdk.ConnectAsync(_appliance);
        GeneratedPdf scan = TestPdfs.ScannedPdf([TextImageRenderer.RenderLines(["Searchable output 3307", "Made by the appliance"])]);
        using var folder = new TempDirectory();
        string input = folder.Combine("scan.pdf");
        await File.WriteAllBytesAsync(input, scan.Bytes);

        // As the SDK's documentation shows it: a file in, the searchable PDF out.
        OcrResult result = await client.RecognizeFileAsync(input, s_english with { SearchablePdf = true }).WaitAsync(Sdk.Patience);
        string output = folder.Combine("scan.searchable.pdf");
        await File.WriteAllBytesAsync(output, result.SearchablePdf!);

        Assert.Equal("%PDF-"u8.ToArray(), result.SearchablePdf![..5]);
        Assert.Equal(OcrPageSource.Ocr, Assert.Single(result.Pages).Source);
        Assert.True(TextMetrics.CharacterErrorRate(scan.Text, result.Text) <= 0.05, result.Text);
        PdfTools.AssertQpdfCheck(output);
        string extracted = PdfTools.Text(output);
        Assert.True(TextMetrics.CharacterErrorRate(scan.Text, extracted) <= 0.05, $"pdftotext read: {extracted}");
        Assert.Equal(ConnectionStatus.Connected, client.Status);
    }

    [Fact]
    public async Task Image_read_as_a_document_has_blocks_that_cover_its_lines_in_order()
    {
        await using MaoOcrClient client = await Sdk.ConnectAsync(_appliance);
        RenderedImage image = TextImageRenderer.RenderLines(["Blocks through the SDK 6161", "second line of it"]);

        OcrResult result = await client.RecognizeAsync(image.Bytes, s_english with { DocumentType = "document" }).WaitAsync(Sdk.Patience);

        Assert.NotEmpty(result.Blocks);
        Assert.Equal(Enumerable.Range(0, result.Lines.Count), result.Blocks.SelectMany(b => b.Lines));
        Assert.All(result.Blocks, b => Assert.Equal(4, b.Box.Count));
        Assert.True(TextMetrics.CharacterErrorRate(image.Text, string.Concat(result.Blocks.Select(b => b.Text))) <= 0.05, result.Text);
        Assert.Equal(0, result.Rotation);
        Assert.Equal(0, result.PageCount);
    }

    /// <summary>The page's size in points as the PDF shows it, and its pixels at the page's own resolution.</summary>
    private static void AssertPageGeometry(OcrPage page, PdfPageTruth truth)
    {
        Assert.InRange(page.WidthPoints, truth.WidthPoints - 0.01, truth.WidthPoints + 0.01);
        Assert.InRange(page.HeightPoints, truth.HeightPoints - 0.01, truth.HeightPoints + 0.01);
        Assert.True(page.Dpi > 0);
        Assert.InRange(page.Width, (page.WidthPoints * page.Dpi / 72) - 2, (page.WidthPoints * page.Dpi / 72) + 2);
        Assert.InRange(page.Height, (page.HeightPoints * page.Dpi / 72) - 2, (page.HeightPoints * page.Dpi / 72) + 2);
        Assert.All(page.Lines, l => Assert.All(l.Box, p => Assert.InRange(p.X, -2, page.Width + 2)));
    }
}
