using MaoOcr.Inference.Pipeline;
using MaoOcr.Inference.Tests.Support;
using MaoOcr.Testing;
using SkiaSharp;

namespace MaoOcr.Inference.Tests.Layout;

/// <summary>The real engine on rendered two-column pages: a full-width title, two columns on one baseline grid, a footer.</summary>
[Collection(EngineGroup.Name)]
public sealed class LayoutEngineTests
{
    private static readonly ColumnPage s_english = new(
        TestFonts.DejaVuSans,
        BodySize: 20,
        Title: "Quarterly Water Quality Report",
        TitleX: 180,
        Left:
        [
            "Water samples were taken at",
            "six stations along the river",
            "every week from January to",
            "March. Nitrate levels stayed",
            "below the limit at all sites",
            "except the northern outfall.",
        ],
        Right:
        [
            "The outfall will be sampled",
            "daily until the plant has",
            "fixed its filters. Results",
            "are posted on the notice",
            "board each Monday morning.",
        ],
        Footer: "Page 1 of 2 - River Authority",
        FooterX: 340);

    private static readonly ColumnPage s_chinese = new(
        TestFonts.NotoSansCjkSc,
        BodySize: 24,
        Title: "本季度河流水质监测报告",
        TitleX: 250,
        Left:
        [
            "本季度在河流沿线六个站点每周",
            "采集水样并送往实验室检测。硝",
            "酸盐含量在各站点均低于限值，",
            "只有北部排放口的数值略高于标",
            "准，需要继续观察。",
        ],
        Right:
        [
            "排放口将每天采样一次，直到处",
            "理厂更换过滤设备为止。检测结",
            "果每周一上午在公告栏公布，欢",
            "迎居民查阅。",
        ],
        Footer: "第一页 共两页 水质监测中心",
        FooterX: 360);

    private readonly OcrEngine _engine;

    public LayoutEngineTests(EngineFixture fixture) => _engine = fixture.Engine;

    public static TheoryData<string> Pages => new() { "english", "chinese" };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Columns_are_read_one_after_the_other_between_the_title_and_the_footer(string language)
    {
        ColumnPage page = language == "english" ? s_english : s_chinese;
        RenderedImage image = page.Render();

        RecognizedPage result = _engine.Recognize(image.Bytes, new RecognitionOptions { UseLayoutAnalysis = true });

        double order = TextMetrics.ReadingOrderAccuracy(image.Lines, Rendering.Predicted(result));
        Assert.True(order == 1.0, $"reading order {order:P0}:\n{result.Text}");
        string[] expected = [page.Title, string.Concat(page.Left), string.Concat(page.Right), page.Footer];
        Assert.True(result.Blocks.Count == expected.Length, $"{result.Blocks.Count} blocks:\n{result.Text}");
        for (int i = 0; i < expected.Length; i++)
        {
            double cer = TextMetrics.CharacterErrorRate(expected[i], result.Blocks[i].Text);
            Assert.True(cer <= 0.05, $"block {i} CER {cer:P1}: '{result.Blocks[i].Text}' for '{expected[i]}'");
        }
        Assert.Equal(string.Join("\n\n", result.Blocks.Select(b => b.Text)), result.Text);
        Assert.Equal(result.Lines.Count, result.Blocks.Sum(b => b.Lines.Count));
    }

    [Fact]
    public void Without_the_option_the_page_reads_across_the_columns_and_has_no_blocks()
    {
        RenderedImage image = s_english.Render();

        RecognizedPage result = _engine.Recognize(image.Bytes);

        Assert.Empty(result.Blocks);
        Assert.Equal(string.Join('\n', result.Lines.Select(l => l.Text)), result.Text);
        Assert.True(TextMetrics.ReadingOrderAccuracy(image.Lines, Rendering.Predicted(result)) < 0.5);
    }

    /// <summary>A page of two columns, 400 px wide from x = 40 and x = 520, with baselines on one grid.</summary>
    private sealed record ColumnPage(TestFont Font, float BodySize, string Title, float TitleX, string[] Left, string[] Right, string Footer, float FooterX)
    {
        private const float TitleSize = 36;
        private const float FooterSize = 16;

        public RenderedImage Render()
        {
            float pitch = BodySize * 1.6f;
            float firstBaseline = 150;
            float footerBaseline = firstBaseline + (Left.Length * pitch) + 50;
            var scene = new TextScene(960, (int)(footerBaseline + 40));
            // Added in reading order: the ground truth's order is the expected order.
            scene.Texts.Add(new SceneText(Title, TitleX, 70, Font, TitleSize, SKColors.Black));
            for (int i = 0; i < Left.Length; i++)
            {
                scene.Texts.Add(new SceneText(Left[i], 40, firstBaseline + (i * pitch), Font, BodySize, SKColors.Black));
            }
            for (int i = 0; i < Right.Length; i++)
            {
                scene.Texts.Add(new SceneText(Right[i], 520, firstBaseline + (i * pitch), Font, BodySize, SKColors.Black));
            }
            scene.Texts.Add(new SceneText(Footer, FooterX, footerBaseline, Font, FooterSize, SKColors.Black));
            return TextImageRenderer.Render(scene);
        }
    }
}
