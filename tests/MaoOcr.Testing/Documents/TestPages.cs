using MaoOcr.Testing.Evaluation;
using SkiaSharp;

namespace MaoOcr.Testing.Documents;

/// <summary>
/// Whole A4 pages with a layout to get right, as <see cref="TextScene"/>s: render one as an image with
/// <see cref="TextImageRenderer.Render"/> or make it a PDF page with <see cref="TestPdfs.TextLayerPdf(IReadOnlyList{TextScene}, double)"/>.
/// Each scene's texts are added in reading order, so the ground truth lines come back in reading order.
/// </summary>
public static class TestPages
{
    private const double A4WidthInches = 8.27, A4HeightInches = 11.69;

    private const string FirstColumn =
        "The appliance reads scanned invoices, delivery notes and contracts on site. Nothing leaves the building: " +
        "pages are decoded, straightened and recognised on the local accelerator, and only the text is returned.";

    private const string SecondColumn =
        "Each request carries one document. Pages are processed in order and the reply keeps that order, with the " +
        "box of every line in page coordinates, so a client can highlight what was read.";

    private const string FirstColumnChinese =
        "本设备在现场识别扫描的发票、送货单和合同。任何数据都不会离开大楼：页面在本地解码、校正和识别，只返回文字结果。所有模型都在设备上运行，断网时也能正常工作。";

    private const string SecondColumnChinese =
        "每个请求包含一份文件。页面按顺序处理，回复保持相同的顺序，并给出每一行在页面上的位置，方便客户端标出识别的内容。长文件逐页读取，其他用户的请求不必等待整份文件完成。";

    private const string MixedParagraph =
        "本设备在本地完成扫描件的识别，不向外部发送任何数据。Each page is decoded on site, 每一页都在现场解码，" +
        "结果按页码顺序返回，并附带每一行的位置 (bounding box)。";

    /// <summary>
    /// An A4 article page: a bold title running across both columns, two columns of body text whose first lines sit
    /// level with each other, and a footer. Reading order: title, column 1 top to bottom, column 2, footer.
    /// </summary>
    /// <param name="dpi">Pixels per inch of the scene (the page is 8.27 × 11.69 inches).</param>
    public static TextScene TwoColumn(double dpi = 200) => TwoColumnPage(
        dpi, "Local OCR for scanned business documents", FirstColumn, SecondColumn, "MaoOCR Edge test document, page 1",
        TestFonts.DejaVuSansBold, TestFonts.DejaVuSans);

    /// <summary>
    /// <see cref="TwoColumn"/> in Chinese, in Noto Sans CJK SC: the same title, two level columns and footer, the same
    /// reading order. Chinese wraps between any two characters, so each column's lines run to its edge.
    /// </summary>
    /// <param name="dpi">Pixels per inch of the scene.</param>
    public static TextScene TwoColumnChinese(double dpi = 200) => TwoColumnPage(
        dpi, "扫描商务文件的本地文字识别", FirstColumnChinese, SecondColumnChinese, "MaoOCR Edge 测试文件，第 1 页",
        TestFonts.NotoSansCjkScBold, TestFonts.NotoSansCjkSc);

    /// <summary>
    /// An A4 page of Chinese with English mixed in, in Noto Sans CJK SC: a title, a wrapped paragraph and a footer,
    /// in reading order.
    /// </summary>
    /// <param name="dpi">Pixels per inch of the scene.</param>
    public static TextScene MixedChineseEnglish(double dpi = 200)
    {
        TestPdfs.CheckDpi(dpi);
        var page = new PageGrid(dpi);
        var scene = new TextScene(page.Width, page.Height);
        float top = page.Points(72);
        float titleSize = page.Points(18);
        scene.Texts.Add(Line("MaoOCR 边缘设备识别报告 Report", page.Points(72), top + titleSize, TestFonts.NotoSansCjkScBold, titleSize));
        AddParagraph(scene, page, MixedParagraph, page.Points(72), top + titleSize + page.Points(36), page.Width - (2 * page.Points(72)), TestFonts.NotoSansCjkSc, page.Points(12));
        scene.Texts.Add(Line("第 1 页 Page 1", page.Points(72), page.Height - page.Points(48), TestFonts.NotoSansCjkSc, page.Points(9)));
        return scene;
    }

    private static TextScene TwoColumnPage(double dpi, string title, string firstColumn, string secondColumn, string footer, TestFont titleFont, TestFont bodyFont)
    {
        TestPdfs.CheckDpi(dpi);
        var page = new PageGrid(dpi);
        var scene = new TextScene(page.Width, page.Height);
        float top = page.Points(72);
        float titleSize = page.Points(20);
        scene.Texts.Add(Line(title, page.Points(72), top + titleSize, titleFont, titleSize));

        float gutter = page.Points(36);
        float columnWidth = (page.Width - (2 * page.Points(72)) - gutter) / 2;
        float bodySize = page.Points(11);
        float firstBaseline = top + titleSize + page.Points(36);
        AddParagraph(scene, page, firstColumn, page.Points(72), firstBaseline, columnWidth, bodyFont, bodySize);
        AddParagraph(scene, page, secondColumn, page.Points(72) + columnWidth + gutter, firstBaseline, columnWidth, bodyFont, bodySize);

        scene.Texts.Add(Line(footer, page.Points(72), page.Height - page.Points(48), bodyFont, page.Points(9)));
        return scene;
    }

    private static void AddParagraph(TextScene scene, PageGrid page, string paragraph, float left, float firstBaseline, float width, TestFont font, float size)
    {
        using SKFont skFont = TextImageRenderer.CreateFont(font, size);
        List<string> lines = TextWrapper.Wrap(paragraph, skFont, width);
        for (int i = 0; i < lines.Count; i++)
        {
            scene.Texts.Add(Line(lines[i], left, firstBaseline + (i * size * 1.5f), font, size));
        }
    }

    private static SceneText Line(string text, float x, float baseline, TestFont font, float size) => new(text, x, baseline, font, size, SKColors.Black);

    /// <summary>An A4 page at a resolution, measured in pixels, laid out in points as typesetters do.</summary>
    private readonly struct PageGrid(double dpi)
    {
        public int Width { get; } = (int)Math.Round(A4WidthInches * dpi);

        public int Height { get; } = (int)Math.Round(A4HeightInches * dpi);

        public float Points(double points) => (float)(points * dpi / 72);
    }
}
