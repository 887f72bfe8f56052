using System.Globalization;
using System.Text.RegularExpressions;
using MaoOcr.Testing.Documents;

namespace MaoOcr.Testing.Tests.Documents;

public sealed partial class TextLayerPdfTests
{
    private static readonly string[] s_english = ["Invoice INV-20417", "Total due: $1,284.50", "Paid by bank transfer"];
    private static readonly string[] s_chinese = ["发票编号 INV-20417", "仓库温度保持在二至八摄氏度之间。", "合计金额 ¥1,284.50"];

    private static GeneratedPdf TwoPages() => TestPdfs.TextLayerPdf(
        [
            TextImageRenderer.LayoutLines(s_english, new TextBlockStyle { FontSize = 40 }),
            TextImageRenderer.LayoutLines(s_chinese, new TextBlockStyle { Font = TestFonts.NotoSansCjkSc, FontSize = 40 }),
        ]);

    [Fact]
    public void Pdftotext_reads_the_english_and_chinese_lines_in_order()
    {
        GeneratedPdf pdf = TwoPages();
        using var directory = new TempDirectory();
        string path = PdfTools.Save(directory, "text.pdf", pdf.Bytes);
        Assert.Equal([.. s_english, .. s_chinese], ExtractLines(path));
        Assert.Equal([.. s_english, .. s_chinese], pdf.Pages.SelectMany(p => p.Lines).Select(l => l.Text));
    }

    [Fact]
    public void Pdfinfo_reports_the_page_sizes_and_qpdf_finds_no_fault()
    {
        GeneratedPdf pdf = TwoPages();
        using var directory = new TempDirectory();
        string path = PdfTools.Save(directory, "text.pdf", pdf.Bytes);
        Dictionary<string, string> info = PdfTools.Info(path, "-f", "1", "-l", "2");
        Assert.Equal("2", info["Pages"]);
        for (int page = 0; page < 2; page++)
        {
            PdfPageTruth truth = pdf.Pages[page];
            Match size = PageSize().Match(info[$"Page    {page + 1} size"]);
            Assert.True(size.Success, info[$"Page    {page + 1} size"]);
            Assert.Equal(truth.MediaWidthPoints, double.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture), 1);
            Assert.Equal(truth.MediaHeightPoints, double.Parse(size.Groups[2].Value, CultureInfo.InvariantCulture), 1);
        }
        ScannedPdfTests.AssertQpdfCheckPasses(path);
    }

    [Fact]
    public void Every_word_pdftotext_finds_lies_in_its_line_box_in_points()
    {
        GeneratedPdf pdf = TestPdfs.TextLayerPdf(s_chinese, new TextBlockStyle { Font = TestFonts.NotoSansCjkSc, FontSize = 40 }, dpi: 150);
        using var directory = new TempDirectory();
        ToolResult html = PdfTools.Run("pdftotext", "-bbox", "-enc", "UTF-8", PdfTools.Save(directory, "text.pdf", pdf.Bytes), "-");
        Assert.True(html.ExitCode == 0, html.ToString());
        var words = Word().Matches(html.StdOut).Select(m => (
            Centre: new PixelPoint(
                (Parse(m.Groups["x0"]) + Parse(m.Groups["x1"])) / 2,
                (Parse(m.Groups["y0"]) + Parse(m.Groups["y1"])) / 2),
            Text: CjkRadicals.ToIdeographs(System.Net.WebUtility.HtmlDecode(m.Groups["text"].Value), TestFonts.NotoSansCjkSc))).ToList();
        Assert.NotEmpty(words);
        foreach (PdfTextLine line in pdf.Pages[0].Lines)
        {
            PixelRect box = line.PointBox.Bounds;
            string inside = string.Concat(words.Where(w => box.Contains(w.Centre)).Select(w => w.Text));
            Assert.Equal(line.Text.Replace(" ", "", StringComparison.Ordinal), inside);
            // The pixel box is the point box at 150 dpi.
            Assert.Equal(box.Left * 150 / 72, line.PixelBox.Bounds.Left, 2);
        }
    }

    [Fact]
    public void The_same_pages_give_the_same_bytes()
    {
        Assert.Equal(TwoPages().Bytes, TwoPages().Bytes);
    }

    /// <summary>pdftotext's lines, blank ones dropped, radicals mapped back to ideographs (see <see cref="CjkRadicals"/>).</summary>
    internal static string[] ExtractLines(string path, params string[] options)
    {
        ToolResult text = PdfTools.Run("pdftotext", [.. options, "-enc", "UTF-8", path, "-"]);
        Assert.True(text.ExitCode == 0, text.ToString());
        return text.StdOut.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(l => CjkRadicals.ToIdeographs(l.Trim('\f'), TestFonts.NotoSansCjkSc))
            .Where(l => l.Length > 0)
            .ToArray();
    }

    private static float Parse(Group group) => float.Parse(group.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^([\d.]+) x ([\d.]+) pts")]
    private static partial Regex PageSize();

    [GeneratedRegex(@"<word xMin=""(?<x0>[\d.]+)"" yMin=""(?<y0>[\d.]+)"" xMax=""(?<x1>[\d.]+)"" yMax=""(?<y1>[\d.]+)"">(?<text>[^<]*)</word>")]
    private static partial Regex Word();
}
