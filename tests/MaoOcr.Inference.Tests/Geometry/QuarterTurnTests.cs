using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Imaging;
using MaoOcr.Inference.Pipeline;
using SkiaSharp;

namespace MaoOcr.Inference.Tests.Geometry;

public sealed class QuarterTurnTests
{
    // A 40×10 image: turned a quarter it is 10×40.
    private const int W = 40, H = 10;

    [Theory]
    [InlineData(0, 3, 2)]
    [InlineData(90, 8, 3)]
    [InlineData(180, 37, 8)]
    [InlineData(270, 2, 37)]
    public void Point_lands_where_the_turn_takes_it(int degrees, float x, float y)
    {
        Assert.Equal(new ImagePoint(x, y), QuarterTurn.Map(new ImagePoint(3, 2), degrees, W, H));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public void Image_corners_stay_image_corners(int degrees)
    {
        bool swap = degrees % 180 != 0;
        (int w, int h) = swap ? (H, W) : (W, H);
        ImagePoint[] corners = [new(0, 0), new(W, 0), new(W, H), new(0, H)];
        ImagePoint[] turned = [.. corners.Select(p => QuarterTurn.Map(p, degrees, W, H))];
        Assert.Equal(
            new[] { new ImagePoint(0, 0), new ImagePoint(w, 0), new ImagePoint(w, h), new ImagePoint(0, h) }.OrderBy(p => (p.X, p.Y)),
            turned.OrderBy(p => (p.X, p.Y)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public void Inverse_turn_brings_a_point_back(int degrees)
    {
        var p = new ImagePoint(12.5f, 7.25f);
        bool swap = degrees % 180 != 0;
        ImagePoint turned = QuarterTurn.Map(p, degrees, W, H);
        Assert.Equal(p, QuarterTurn.Map(turned, QuarterTurn.Inverse(degrees), swap ? H : W, swap ? W : H));
    }

    [Fact]
    public void Two_quarters_make_a_half_and_four_make_none()
    {
        var p = new ImagePoint(5, 1);
        ImagePoint once = QuarterTurn.Map(p, 90, W, H);
        Assert.Equal(QuarterTurn.Map(p, 180, W, H), QuarterTurn.Map(once, 90, H, W));
        ImagePoint three = QuarterTurn.Map(QuarterTurn.Map(once, 90, H, W), 90, W, H);
        Assert.Equal(QuarterTurn.Map(p, 270, W, H), three);
        Assert.Equal(p, QuarterTurn.Map(three, 90, H, W));
    }

    [Theory]
    [InlineData(45)]
    [InlineData(-90)]
    [InlineData(360)]
    public void Other_angles_are_refused(int degrees)
    {
        Assert.False(QuarterTurn.IsValid(degrees));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuarterTurn.Map(default(ImagePoint), degrees, W, H));
    }

    [Fact]
    public void Quad_keeps_its_corner_order()
    {
        var q = new Quad(new ImagePoint(1, 1), new ImagePoint(30, 1), new ImagePoint(30, 8), new ImagePoint(1, 8));
        Quad turned = QuarterTurn.Map(q, 90, W, H);
        // The text's start (P0) moves to the top right of the turned image and the text now runs downwards.
        Assert.Equal(new ImagePoint(9, 1), turned.P0);
        Assert.Equal(new ImagePoint(9, 30), turned.P1);
        Assert.Equal(q.Width, turned.Width);
        Assert.Equal(q.Height, turned.Height);
    }

    [Theory]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public void Mapping_agrees_with_the_pixel_turn(int degrees)
    {
        using var source = new SKBitmap(new SKImageInfo(W, H, SKColorType.Rgba8888, SKAlphaType.Premul));
        source.Erase(SKColors.White);
        var marks = new (int X, int Y, SKColor Color)[] { (0, 0, SKColors.Red), (W - 1, 0, SKColors.Lime), (7, 6, SKColors.Blue) };
        foreach ((int x, int y, SKColor color) in marks)
        {
            source.SetPixel(x, y, color);
        }

        using SKBitmap turned = Orientation.Turn(source, degrees);

        Assert.Equal(degrees == 180 ? (W, H) : (H, W), (turned.Width, turned.Height));
        foreach ((int x, int y, SKColor color) in marks)
        {
            ImagePoint centre = QuarterTurn.Map(new ImagePoint(x + 0.5f, y + 0.5f), degrees, W, H);
            Assert.Equal(color, turned.GetPixel((int)MathF.Floor(centre.X), (int)MathF.Floor(centre.Y)));
        }
    }

    [Fact]
    public void No_turn_returns_the_same_bitmap()
    {
        using var source = new SKBitmap(4, 3);
        Assert.Same(source, Orientation.Turn(source, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Orientation.Turn(source, 45));
    }
}
