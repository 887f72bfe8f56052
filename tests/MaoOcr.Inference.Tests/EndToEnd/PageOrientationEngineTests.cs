using MaoOcr.Inference.Pipeline;
using MaoOcr.Inference.Tests.Support;
using MaoOcr.Testing;

namespace MaoOcr.Inference.Tests.EndToEnd;

/// <summary>
/// <see cref="RecognitionOptions.DetectPageOrientation"/> on pages rendered at 0°, 90°, 180° and 270°: each is read as
/// the upright page is, in its reading order, with every box where the line lies in the image as sent.
/// </summary>
[Collection(EngineGroup.Name)]
public sealed class PageOrientationEngineTests(EngineFixture fixture)
{
    private static readonly RecognitionOptions s_orient = new() { DetectPageOrientation = true };

    private static readonly string[] s_english =
    [
        "Invoice INV-2026-0153 due 12/08/2026",
        "Total amount: $1,284.50 (tax incl.)",
        "Keep refrigerated between 2 and 8 C",
        "Call Dr. Smith at 555-013-2234",
        "Shipment arrived at dock 4 on Monday",
    ];

    private static readonly string[] s_mixed =
    [
        "订单编号 FP2026-0153 已发货",
        "Shipment arrived at dock 4",
        "仓库温度保持在二至八摄氏度之间",
        "Total amount: $1,284.50",
        "请于下午三点前提交检验报告",
    ];

    private readonly OcrEngine _engine = fixture.Engine;

    public static TheoryData<string, int> Turns
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (string page in new[] { "english", "mixed" })
            {
                foreach (int turn in new[] { 0, 90, 180, 270 })
                {
                    data.Add(page, turn);
                }
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Turns))]
    public void Turned_page_reads_as_the_upright_page(string page, int pageTurn)
    {
        RenderedImage upright = Render(page, 0);
        RenderedImage sent = Render(page, pageTurn);

        RecognizedPage result = _engine.Recognize(sent.Bytes, s_orient);
        RecognizedPage reference = _engine.Recognize(upright.Bytes);

        // The page was drawn turned clockwise by pageTurn; turning it upright takes the rest of the circle.
        Assert.Equal((360 - pageTurn) % 360, result.Rotation);
        Assert.Equal((sent.Width, sent.Height), (result.Width, result.Height));
        double sameAsUpright = TextMetrics.CharacterErrorRate(reference.Text, result.Text);
        Assert.True(sameAsUpright <= 0.02, $"CER against the upright page {sameAsUpright:P2}\nupright:\n{reference.Text}\nturned:\n{result.Text}");
        PageScore score = Rendering.Score(sent, result, out string report);
        Assert.True(score.Cer <= 0.03, report);
        Assert.Equal(sent.Lines.Count, result.Lines.Count);
        for (int i = 0; i < sent.Lines.Count; i++)
        {
            // Reading order: the i-th line read is the i-th drawn, found where it lies in the image as sent.
            GroundTruthLine truth = sent.Lines[i];
            Quad box = Rendering.ToQuad(result.Lines[i].Box);
            Assert.True(TextMetrics.CharacterErrorRate(truth.Text, result.Lines[i].Text) <= 0.1, $"line {i} '{result.Lines[i].Text}' for '{truth.Text}'\n{report}");
            Assert.True(TextMetrics.Overlaps(truth.Box, box), $"line {i} box {box} does not cover '{truth.Text}' at {truth.Box}");
            // The first corner is where the text starts, whichever way the image lies.
            Assert.Equal(truth.Box.TopLeft, Nearest(box.TopLeft, truth.Box));
        }
    }

    [Fact]
    public void Upright_page_is_read_exactly_as_with_the_option_off()
    {
        RenderedImage upright = Render("mixed", 0);

        RecognizedPage on = _engine.Recognize(upright.Bytes, s_orient);
        RecognizedPage off = _engine.Recognize(upright.Bytes);

        Assert.Equal(0, on.Rotation);
        Assert.Equal(off.Lines.Select(l => (l.Text, Box: string.Join(' ', l.Box))), on.Lines.Select(l => (l.Text, Box: string.Join(' ', l.Box))));
    }

    [Fact]
    public void Option_off_leaves_a_turned_page_as_before()
    {
        RenderedImage sent = Render("english", 90);

        RecognizedPage result = _engine.Recognize(sent.Bytes, new RecognitionOptions { DetectPageOrientation = false });

        Assert.Equal(0, result.Rotation);
        Assert.Equal(result.Lines.Select(l => l.Text), _engine.Recognize(sent.Bytes).Lines.Select(l => l.Text));
        // Each line is still found standing, read as vertical text.
        Assert.All(result.Lines, l => Assert.True(Rendering.ToQuad(l.Box).Bounds.Height > Rendering.ToQuad(l.Box).Bounds.Width, l.Text));
    }

    [Fact]
    public void Upright_page_with_vertical_labels_is_not_turned()
    {
        // Four horizontal lines and two vertical CJK labels (one character under another) down the right side.
        var scene = new TextScene(760, 420);
        for (int i = 0; i < 4; i++)
        {
            scene.Texts.Add(new SceneText(s_english[i], 24, 60 + (i * 44), TestFonts.NotoSansCjkSc, 26, SkiaSharp.SKColors.Black));
        }
        string[] labels = ["仓库温度检验", "本月生产计划"];
        for (int column = 0; column < labels.Length; column++)
        {
            for (int c = 0; c < labels[column].Length; c++)
            {
                scene.Texts.Add(new SceneText(labels[column][c].ToString(), 640 + (column * 50), 60 + (c * 30), TestFonts.NotoSansCjkSc, 28, SkiaSharp.SKColors.Black));
            }
        }
        RenderedImage image = TextImageRenderer.Render(scene);

        RecognizedPage result = _engine.Recognize(image.Bytes, s_orient);

        Assert.Equal(0, result.Rotation);
        // The labels were found as standing boxes, so the page had vertical evidence to resist.
        Assert.Contains(result.Lines, l => Rendering.ToQuad(l.Box).Bounds.Height > 2 * Rendering.ToQuad(l.Box).Bounds.Width);
        // The labels start higher than the first line, so they come first; the lines follow in order.
        string expected = string.Join('\n', [.. labels, .. s_english[..4]]);
        Assert.True(TextMetrics.CharacterErrorRate(expected, result.Text) <= 0.03, $"expected:\n{expected}\nread:\n{result.Text}");
        Assert.Equal(_engine.Recognize(image.Bytes).Text, result.Text);
    }

    [Fact]
    public void Page_without_text_is_not_turned()
    {
        RenderedImage blank = TextImageRenderer.Render(new TextScene(300, 500));

        RecognizedPage result = _engine.Recognize(blank.Bytes, s_orient);

        Assert.Equal(0, result.Rotation);
        Assert.Empty(result.Lines);
        Assert.Equal((300, 500), (result.Width, result.Height));
    }

    private static RenderedImage Render(string page, int pageTurn)
    {
        var style = new TextBlockStyle { Font = TestFonts.NotoSansCjkSc, FontSize = 28 };
        string[] lines = page == "english" ? s_english : s_mixed;
        RenderedImage upright = TextImageRenderer.RenderLines(lines, style);
        if (pageTurn == 0)
        {
            return upright;
        }
        // A whole-page turn about the centre into a frame of the turned size: every pixel lands on a pixel, and the
        // renderer maps the ground-truth boxes through the same turn.
        bool swap = pageTurn % 180 != 0;
        return TextImageRenderer.RenderLines(lines, style, new ImageEffects
        {
            RotationDegrees = pageTurn,
            OutputWidth = swap ? upright.Height : upright.Width,
            OutputHeight = swap ? upright.Width : upright.Height,
        });
    }

    private static PixelPoint Nearest(PixelPoint p, Quad quad) =>
        quad.ToArray().MinBy(c => ((c.X - p.X) * (c.X - p.X)) + ((c.Y - p.Y) * (c.Y - p.Y)));
}
