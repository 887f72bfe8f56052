using MaoOcr.Inference.Pipeline;
using MaoOcr.Inference.Tests.Support;
using MaoOcr.Testing;

namespace MaoOcr.Inference.Tests.EndToEnd;

/// <summary>
/// Real OCR of images rendered with known text and boxes. Bounds are character error rates (whitespace
/// ignored) and line recall; every drawn line must be found where it was drawn.
/// </summary>
[Collection(EngineGroup.Name)]
public sealed class RecognitionAccuracyTests
{
    private static readonly string[] s_english =
    [
        "Invoice INV-2026-0153 due 12/08/2026",
        "Total amount: $1,284.50 (tax incl.)",
        "Keep refrigerated between 2 and 8 C",
        "Call Dr. Smith at 555-013-2234",
    ];

    private static readonly string[] s_chinese =
    [
        "欢迎使用光学字符识别系统",
        "本月生产计划完成率为百分之九十八",
        "请于下午三点前提交检验报告",
        "仓库温度保持在二至八摄氏度之间",
    ];

    private readonly OcrEngine _engine;

    public RecognitionAccuracyTests(EngineFixture fixture) => _engine = fixture.Engine;

    public static TheoryData<string, float> LatinFonts => new()
    {
        { nameof(TestFonts.DejaVuSans), 20 },
        { nameof(TestFonts.DejaVuSerif), 32 },
        { nameof(TestFonts.LiberationSans), 26 },
        { nameof(TestFonts.LiberationSerif), 40 },
        { nameof(TestFonts.LiberationMono), 22 },
    };

    public static TheoryData<string, float> ChineseFonts => new()
    {
        { nameof(TestFonts.NotoSansCjkSc), 24 },
        { nameof(TestFonts.NotoSerifCjkSc), 34 },
        { nameof(TestFonts.WenQuanYiMicroHei), 28 },
    };

    [Theory]
    [MemberData(nameof(LatinFonts))]
    public void English_lines_are_read_with_their_boxes(string font, float size)
    {
        RenderedImage image = TextImageRenderer.RenderLines(s_english, new TextBlockStyle { Font = FontNamed(font), FontSize = size });
        AssertReads(image, RecognitionOptions.Default, maxCer: 0.02);
    }

    [Theory]
    [MemberData(nameof(ChineseFonts))]
    public void Chinese_lines_are_read_with_their_boxes(string font, float size)
    {
        RenderedImage image = TextImageRenderer.RenderLines(s_chinese, new TextBlockStyle { Font = FontNamed(font), FontSize = size });
        AssertReads(image, RecognitionOptions.Default, maxCer: 0.03);
    }

    [Theory]
    [InlineData(-3f)]
    [InlineData(2f)]
    public void A_few_degrees_of_rotation_still_reads(float degrees)
    {
        RenderedImage image = TextImageRenderer.RenderLines(
            [.. s_english[..2], .. s_chinese[..2]],
            new TextBlockStyle { Font = TestFonts.NotoSansCjkSc, FontSize = 28 },
            new ImageEffects { RotationDegrees = degrees, Seed = 3 });
        AssertReads(image, RecognitionOptions.Default, maxCer: 0.04);
    }

    [Fact]
    public void Blurred_noisy_jpeg_still_reads()
    {
        RenderedImage image = TextImageRenderer.RenderLines(
            s_english[..3],
            new TextBlockStyle { Font = TestFonts.LiberationSans, FontSize = 30 },
            new ImageEffects { BlurSigma = 1.0f, NoiseSigma = 6, Format = ImageFileFormat.Jpeg, Quality = 70, Seed = 11 });
        Assert.Equal("jpeg", image.Format);
        AssertReads(image, RecognitionOptions.Default, maxCer: 0.05);
    }

    [Fact]
    public void English_words_keep_their_spaces()
    {
        RenderedImage image = TextImageRenderer.RenderLines(["Hello MaoOCR Edge 2026-11-24", "Invoice total: $1,234.56"], new TextBlockStyle { Font = TestFonts.DejaVuSans, FontSize = 36 });
        RecognizedPage result = _engine.Recognize(image.Bytes);
        Assert.Equal(2, result.Lines.Count);
        for (int i = 0; i < 2; i++)
        {
            string expected = image.Lines[i].Text, actual = result.Lines[i].Text;
            // Every word boundary is kept (DB boxes hug the ink; too tight a crop loses the spaces).
            Assert.Equal(expected.Split(' ').Length, actual.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.True(TextMetrics.CharacterErrorRate(expected, actual) <= 0.05, $"'{actual}' for '{expected}'");
        }
    }

    [Fact]
    public void Upside_down_page_is_turned_by_the_classifier_at_high_accuracy()
    {
        RenderedImage upright = TextImageRenderer.RenderLines(s_chinese[..3], new TextBlockStyle { Font = TestFonts.NotoSansCjkSc, FontSize = 30 });
        byte[] upsideDown = ImageTransforms.Rotate(upright.Bytes, 180);
        RecognizedPage result = _engine.Recognize(upsideDown, new RecognitionOptions { Accuracy = RecognitionAccuracy.High });
        // Upside down, the last drawn line is at the top of the image: reading order follows the image.
        string expected = string.Concat(s_chinese[..3].Reverse());
        double cer = TextMetrics.CharacterErrorRate(expected, string.Concat(result.Lines.Select(l => l.Text)));
        Assert.True(cer <= 0.03, $"CER {cer:P2}: {result.Text}");
    }

    [Fact]
    public void Vertical_lines_are_read_after_a_quarter_turn()
    {
        RenderedImage upright = TextImageRenderer.RenderLines(s_chinese[..2], new TextBlockStyle { Font = TestFonts.NotoSansCjkSc, FontSize = 30 });
        // Turned clockwise, each line runs top to bottom: a tall box that must be read after a quarter turn back.
        byte[] turned = ImageTransforms.Rotate(upright.Bytes, 90);
        RecognizedPage result = _engine.Recognize(turned);
        Assert.Equal(upright.Height, result.Width);
        string all = string.Concat(result.Lines.Select(l => l.Text));
        foreach (string line in s_chinese[..2])
        {
            Assert.True(TextMetrics.CharacterErrorRate(line, BestMatch(line, result)) <= 0.05, $"'{line}' not read in: {all}");
        }
    }

    [Fact]
    public void English_language_keeps_chinese_characters_out()
    {
        RenderedImage image = TextImageRenderer.RenderLines(["Batch 2026 OK", "仓库温度正常"], new TextBlockStyle { Font = TestFonts.NotoSansCjkSc, FontSize = 30 });
        RecognizedPage auto = _engine.Recognize(image.Bytes);
        RecognizedPage english = _engine.Recognize(image.Bytes, new RecognitionOptions { Language = RecognitionLanguage.English });
        Assert.Contains(auto.Lines, l => l.Text.Any(c => c >= 0x4E00));
        Assert.DoesNotContain(english.Lines, l => l.Text.Any(c => c >= 0x2E80));
        Assert.Contains(english.Lines, l => l.Text.Contains("Batch 2026", StringComparison.Ordinal));
    }

    private void AssertReads(RenderedImage image, RecognitionOptions options, double maxCer)
    {
        RecognizedPage result = _engine.Recognize(image.Bytes, options);
        Assert.Equal(image.Width, result.Width);
        Assert.Equal(image.Height, result.Height);
        PageScore score = Rendering.Score(image, result, out string report);
        Assert.True(score.Cer <= maxCer, report);
        Assert.True(score.RecalledLines == score.TruthLines, report);
        Assert.Equal(image.Lines.Count, result.Lines.Count);
        // Reading order: the i-th line read is the i-th line drawn.
        for (int i = 0; i < image.Lines.Count; i++)
        {
            Assert.True(TextMetrics.Overlaps(image.Lines[i].Box, Rendering.ToQuad(result.Lines[i].Box)), $"line {i} box does not cover '{image.Lines[i].Text}'\n{report}");
        }
    }

    private static string BestMatch(string expected, RecognizedPage result)
        => result.Lines.Select(l => l.Text).OrderBy(t => TextMetrics.CharacterErrorRate(expected, t)).FirstOrDefault() ?? string.Empty;

    private static TestFont FontNamed(string name) => name switch
    {
        nameof(TestFonts.DejaVuSans) => TestFonts.DejaVuSans,
        nameof(TestFonts.DejaVuSerif) => TestFonts.DejaVuSerif,
        nameof(TestFonts.LiberationSans) => TestFonts.LiberationSans,
        nameof(TestFonts.LiberationSerif) => TestFonts.LiberationSerif,
        nameof(TestFonts.LiberationMono) => TestFonts.LiberationMono,
        nameof(TestFonts.NotoSansCjkSc) => TestFonts.NotoSansCjkSc,
        nameof(TestFonts.NotoSerifCjkSc) => TestFonts.NotoSerifCjkSc,
        nameof(TestFonts.WenQuanYiMicroHei) => TestFonts.WenQuanYiMicroHei,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown test font"),
    };
}
