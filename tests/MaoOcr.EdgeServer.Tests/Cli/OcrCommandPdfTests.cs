using System.Text.Json;
using MaoOcr.Testing.Documents;

namespace MaoOcr.EdgeServer.Tests.Cli;

/// <summary><c>maoocr ocr</c> on PDFs, in-process with the real engine: pages in the JSON, --force-ocr, and --pdf's searchable PDF.</summary>
[Collection(RemoteAppliance.Name)]
public sealed class OcrCommandPdfTests
{
    [Fact]
    public async Task Json_gives_a_PDFs_pages_with_where_their_text_came_from()
    {
        using var temp = new TempDirectory();
        RenderedImage first = TextImageRenderer.RenderLines(["Command line scan 4401"]);
        RenderedImage second = TextImageRenderer.RenderLines(["Command line scan 4402", "second line"]);
        string scan = temp.Combine("scan.pdf");
        File.WriteAllBytes(scan, TestPdfs.ScannedPdf([first, second]).Bytes);
        string[] lines = ["Born digital page for the CLI", "with its own text layer"];
        string born = temp.Combine("born.pdf");
        File.WriteAllBytes(born, TestPdfs.TextLayerPdf(lines, new TextBlockStyle { FontSize = 40 }).Bytes);

        (int code, string stdout, string stderr) = await CommandLineTests.RunAsync("ocr", "--json", scan, born);

        Assert.True(code == CommandLine.Success, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement[] files = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, files.Length);
        JsonElement[] scanned = files[0].GetProperty("pages").EnumerateArray().ToArray();
        Assert.Equal([1, 2], scanned.Select(p => p.GetProperty("page").GetInt32()));
        Assert.All(scanned, p => Assert.Equal("ocr", p.GetProperty("source").GetString()));
        Assert.True(TextMetrics.CharacterErrorRate(first.Text, scanned[0].GetProperty("text").GetString()!) <= 0.05, scanned[0].GetProperty("text").GetString());
        Assert.True(TextMetrics.CharacterErrorRate(second.Text, scanned[1].GetProperty("text").GetString()!) <= 0.05, scanned[1].GetProperty("text").GetString());
        Assert.InRange(scanned[0].GetProperty("width").GetInt32(), first.Width - 1, first.Width + 1);
        JsonElement bornPage = Assert.Single(files[1].GetProperty("pages").EnumerateArray());
        Assert.Equal("text_layer", bornPage.GetProperty("source").GetString());
        Assert.Equal(lines, bornPage.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()));

        (code, stdout, stderr) = await CommandLineTests.RunAsync("ocr", "--json", "--force-ocr", born);

        Assert.True(code == CommandLine.Success, stderr);
        using JsonDocument forced = JsonDocument.Parse(stdout);
        JsonElement ocrPage = Assert.Single(forced.RootElement[0].GetProperty("pages").EnumerateArray());
        Assert.Equal("ocr", ocrPage.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Pdf_writes_one_searchable_PDF_of_every_file_in_order()
    {
        using var temp = new TempDirectory();
        RenderedImage page = TextImageRenderer.RenderLines(["Searchable command page 7301"], new TextBlockStyle { FontSize = 40 });
        RenderedImage photo = TextImageRenderer.RenderLines(["Searchable command photo 7302"], new TextBlockStyle { FontSize = 40 });
        GeneratedPdf original = TestPdfs.ScannedPdf([page, page], dpi: 150);
        string scan = temp.Combine("scan.pdf");
        string image = temp.Combine("photo.png");
        string output = temp.Combine("out.pdf");
        File.WriteAllBytes(scan, original.Bytes);
        File.WriteAllBytes(image, photo.Bytes);

        (int code, string stdout, string stderr) = await CommandLineTests.RunAsync("ocr", "--pdf", output, scan, image);

        Assert.True(code == CommandLine.Success, stderr);
        Assert.True(stdout.Contains("Searchable command photo 7302", StringComparison.Ordinal), stdout);
        byte[] pdf = File.ReadAllBytes(output);
        PdfOutput.AssertValid(pdf);
        IReadOnlyList<(double Width, double Height)> sizes = PdfOutput.PageSizes(pdf);
        Assert.Equal(3, sizes.Count);
        Assert.Equal(original.Pages[0].WidthPoints, sizes[0].Width, 0.01);
        Assert.Equal(original.Pages[0].HeightPoints, sizes[0].Height, 0.01);
        IReadOnlyList<string> texts = PdfOutput.PageTexts(pdf);
        Assert.Equal(3, texts.Count);
        string[] expected = [page.Text, page.Text, photo.Text];
        for (int i = 0; i < 3; i++)
        {
            Assert.True(TextMetrics.CharacterErrorRate(expected[i], texts[i].Trim()) <= 0.05, $"page {i + 1}: {texts[i]}");
        }
    }
}
