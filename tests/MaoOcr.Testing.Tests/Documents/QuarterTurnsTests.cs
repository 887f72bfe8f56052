using MaoOcr.Testing.Documents;
using SkiaSharp;

namespace MaoOcr.Testing.Tests.Documents;

public sealed class QuarterTurnsTests
{
    private static readonly RenderedImage s_page = TextImageRenderer.RenderLines(
        ["Turned page", "第二行"], new TextBlockStyle { Font = TestFonts.NotoSansCjkSc, FontSize = 32, Width = 420, Height = 200 });

    [Theory]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public void Ink_stays_inside_the_turned_boxes(int degrees)
    {
        RenderedImage turned = QuarterTurns.Rotate(s_page, degrees);
        Assert.Equal(degrees == 180 ? (420, 200) : (200, 420), (turned.Width, turned.Height));
        using SKBitmap original = PageImages.Decode(s_page.Bytes);
        using SKBitmap bitmap = PageImages.Decode(turned.Bytes);
        for (int i = 0; i < s_page.Lines.Count; i++)
        {
            // All of a line's ink is in its turned box (whole-pixel turns move no pixel across a box edge).
            Assert.Equal(PageImages.InkIn(original, s_page.Lines[i].Box.Bounds), PageImages.InkIn(bitmap, turned.Lines[i].Box.Bounds));
        }
        // Each corner keeps its role: after 90°, the text's top edge runs down the right-hand side.
        Quad first = turned.Lines[0].Box;
        if (degrees == 90)
        {
            Assert.True(first.TopRight.Y > first.TopLeft.Y && first.TopLeft.X > first.BottomLeft.X);
        }
    }

    [Fact]
    public void Four_quarter_turns_give_back_the_same_pixels_and_boxes()
    {
        RenderedImage image = s_page;
        for (int i = 0; i < 4; i++)
        {
            image = QuarterTurns.Rotate(image, 90);
        }
        Assert.Equal(s_page.Lines, image.Lines);
        using SKBitmap a = PageImages.Decode(s_page.Bytes), b = PageImages.Decode(image.Bytes);
        Assert.Equal(0, PageImages.MeanDifference(a, b));
    }

    [Fact]
    public void Other_angles_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QuarterTurns.Rotate(s_page, 45));
    }
}
