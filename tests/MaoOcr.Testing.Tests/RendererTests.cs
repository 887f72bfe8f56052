using SkiaSharp;

namespace MaoOcr.Testing.Tests;

public sealed class RendererTests
{
    private static readonly string[] s_lines = ["Invoice INV-20417 total $1,284.50", "仓库温度保持在二至八摄氏度之间。"];

    private static readonly TextBlockStyle s_style = new() { Font = TestFonts.NotoSansCjkSc, FontSize = 32, Margin = 40 };

    [Fact]
    public void Boxes_are_tight_around_the_ink()
    {
        RenderedImage image = TextImageRenderer.RenderLines(s_lines, s_style);
        using SKBitmap bitmap = Decode(image);
        foreach (GroundTruthLine line in image.Lines)
        {
            PixelRect box = line.Box.Bounds;
            // Every edge of the box has ink within 1.5 px of it.
            PixelRect ink = InkBounds(bitmap, Grow(box, 6));
            Assert.InRange(ink.Left - box.Left, -1.5f, 1.5f);
            Assert.InRange(ink.Top - box.Top, -1.5f, 1.5f);
            Assert.InRange(ink.Right - box.Right, -1.5f, 1.5f);
            Assert.InRange(ink.Bottom - box.Bottom, -1.5f, 1.5f);
        }
        AssertAllInkInside(bitmap, image.Lines, tolerance: 1.5f);
    }

    [Fact]
    public void Boxes_follow_rotation_and_perspective()
    {
        var effects = new ImageEffects
        {
            Seed = 11,
            RotationDegrees = 3.5f,
            PerspectiveJitter = 0.04f,
            FrameInset = 0.1f,
            OutputWidth = 900,
            OutputHeight = 400,
            Surround = SKColors.White,
        };
        RenderedImage image = TextImageRenderer.RenderLines(s_lines, s_style, effects);
        Assert.Equal(900, image.Width);
        Assert.Equal(400, image.Height);
        using SKBitmap bitmap = Decode(image);
        AssertAllInkInside(bitmap, image.Lines, tolerance: 2.5f);
        // The boxes really moved: the first line is no longer level.
        Quad first = image.Lines[0].Box;
        Assert.True(Math.Abs(first.TopRight.Y - first.TopLeft.Y) > 5);
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes()
    {
        var effects = new ImageEffects { Seed = 5, NoiseSigma = 6, BlurSigma = 0.8f, RotationDegrees = 1, Format = ImageFileFormat.Jpeg, Quality = 80 };
        var paper = s_style with { Background = SceneBackground.Paper(new SKColor(0xF8, 0xF4, 0xEA)) };
        byte[] a = TextImageRenderer.RenderLines(s_lines, paper, effects).Bytes;
        byte[] b = TextImageRenderer.RenderLines(s_lines, paper, effects).Bytes;
        byte[] c = TextImageRenderer.RenderLines(s_lines, paper, effects with { Seed = 6 }).Bytes;
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Theory]
    [InlineData(ImageFileFormat.Png, "png")]
    [InlineData(ImageFileFormat.Jpeg, "jpeg")]
    [InlineData(ImageFileFormat.Webp, "webp")]
    [InlineData(ImageFileFormat.Bmp, "bmp")]
    public void Every_format_decodes_to_the_reported_size(ImageFileFormat format, string name)
    {
        RenderedImage image = TextImageRenderer.RenderLines(s_lines, s_style with { Width = 701, Height = 203 }, new ImageEffects { Format = format });
        Assert.Equal(name, image.Format);
        using SKBitmap bitmap = Decode(image);
        Assert.Equal(701, bitmap.Width);
        Assert.Equal(203, bitmap.Height);
        // Dark text survives every encoder.
        Assert.True(InkBounds(bitmap, new PixelRect(0, 0, 701, 203)).Width > 100);
    }

    [Fact]
    public void Bmp_pixels_match_the_png_pixels()
    {
        RenderedImage png = TextImageRenderer.RenderLines(s_lines, s_style);
        RenderedImage bmp = TextImageRenderer.RenderLines(s_lines, s_style, new ImageEffects { Format = ImageFileFormat.Bmp });
        using SKBitmap a = Decode(png), b = Decode(bmp);
        for (int y = 0; y < a.Height; y += 7)
        {
            for (int x = 0; x < a.Width; x += 5)
            {
                Assert.Equal(a.GetPixel(x, y), b.GetPixel(x, y));
            }
        }
    }

    [Fact]
    public void Text_a_font_cannot_draw_is_refused()
    {
        var scene = new TextScene(400, 100);
        scene.Texts.Add(new SceneText("中文", 10, 50, TestFonts.DejaVuSans, 24, SKColors.Black));
        Assert.Throws<ArgumentException>(() => TextImageRenderer.Render(scene));
    }

    [Fact]
    public void A_line_pushed_out_of_the_frame_is_an_error()
    {
        var effects = new ImageEffects { RotationDegrees = 20 };
        Assert.Throws<InvalidOperationException>(() => TextImageRenderer.RenderLines(["A long line that will not fit once it is turned"], s_style with { Margin = 2 }, effects));
    }

    internal static SKBitmap Decode(RenderedImage image) =>
        SKBitmap.Decode(image.Bytes) ?? throw new InvalidOperationException($"Skia could not decode the {image.Format}.");

    private static PixelRect Grow(PixelRect r, float by) => new(r.Left - by, r.Top - by, r.Right + by, r.Bottom + by);

    private static bool IsInk(SKColor c) => c.Red + c.Green + c.Blue < 3 * 160;

    private static PixelRect InkBounds(SKBitmap bitmap, PixelRect area)
    {
        int left = int.MaxValue, top = int.MaxValue, right = int.MinValue, bottom = int.MinValue;
        for (int y = Math.Max(0, (int)area.Top); y < Math.Min(bitmap.Height, (int)Math.Ceiling(area.Bottom)); y++)
        {
            for (int x = Math.Max(0, (int)area.Left); x < Math.Min(bitmap.Width, (int)Math.Ceiling(area.Right)); x++)
            {
                if (IsInk(bitmap.GetPixel(x, y)))
                {
                    (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x + 1), Math.Max(bottom, y + 1));
                }
            }
        }
        return new PixelRect(left, top, right, bottom);
    }

    private static void AssertAllInkInside(SKBitmap bitmap, IReadOnlyList<GroundTruthLine> lines, float tolerance)
    {
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                if (!IsInk(bitmap.GetPixel(x, y)))
                {
                    continue;
                }
                var centre = new PixelPoint(x + 0.5f, y + 0.5f);
                Assert.True(lines.Any(l => Near(l.Box, centre, tolerance)), $"ink at ({x}, {y}) is in no box");
            }
        }
    }

    // Inside the quad, or within `tolerance` of one of its edges.
    private static bool Near(Quad quad, PixelPoint p, float tolerance)
    {
        if (quad.Contains(p))
        {
            return true;
        }
        PixelPoint[] c = quad.ToArray();
        for (int i = 0; i < 4; i++)
        {
            if (DistanceToSegment(p, c[i], c[(i + 1) & 3]) <= tolerance)
            {
                return true;
            }
        }
        return false;
    }

    private static float DistanceToSegment(PixelPoint p, PixelPoint a, PixelPoint b)
    {
        float dx = b.X - a.X, dy = b.Y - a.Y;
        float t = Math.Clamp((((p.X - a.X) * dx) + ((p.Y - a.Y) * dy)) / ((dx * dx) + (dy * dy)), 0f, 1f);
        float x = a.X + (t * dx) - p.X, y = a.Y + (t * dy) - p.Y;
        return MathF.Sqrt((x * x) + (y * y));
    }
}
