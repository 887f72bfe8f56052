namespace MaoOcr.Testing.Tests;

public sealed class GeometryTests
{
    private static Quad Rect(float left, float top, float right, float bottom) => Quad.FromRect(new PixelRect(left, top, right, bottom));

    [Fact]
    public void Iou_of_rectangles_matches_the_axis_aligned_formula()
    {
        Quad a = Rect(0, 0, 10, 10);
        Assert.Equal(1f, a.IntersectionOverUnion(a), 4);
        Assert.Equal(0f, a.IntersectionOverUnion(Rect(20, 20, 30, 30)));
        // Half of each overlaps: 50 / 150.
        Assert.Equal(1f / 3f, a.IntersectionOverUnion(Rect(5, 0, 15, 10)), 4);
        Assert.Equal(a.Bounds.IntersectionOverUnion(Rect(5, 0, 15, 10).Bounds), a.IntersectionOverUnion(Rect(5, 0, 15, 10)), 4);
    }

    [Fact]
    public void Iou_of_a_diamond_inside_its_square_is_its_area_share()
    {
        Quad square = Rect(0, 0, 10, 10);
        var diamond = new Quad(new PixelPoint(5, 0), new PixelPoint(10, 5), new PixelPoint(5, 10), new PixelPoint(0, 5));
        Assert.Equal(50f, diamond.Area, 3);
        Assert.Equal(0.5f, square.IntersectionOverUnion(diamond), 4);
        Assert.Equal(0.5f, diamond.IntersectionOverUnion(square), 4);
    }

    [Fact]
    public void Contains_follows_the_quad_not_its_bounds()
    {
        var diamond = new Quad(new PixelPoint(5, 0), new PixelPoint(10, 5), new PixelPoint(5, 10), new PixelPoint(0, 5));
        Assert.True(diamond.Contains(new PixelPoint(5, 5)));
        Assert.True(diamond.Contains(new PixelPoint(5, 0)));
        Assert.False(diamond.Contains(new PixelPoint(1, 1)));
        Assert.True(diamond.Bounds.Contains(new PixelPoint(1, 1)));
    }

    [Fact]
    public void Homography_maps_each_source_corner_onto_its_target()
    {
        Quad source = Rect(0, 0, 800, 600);
        var target = new Quad(new PixelPoint(40, 25), new PixelPoint(770, 60), new PixelPoint(790, 580), new PixelPoint(15, 540));
        Homography h = Homography.FromQuads(source, target);
        Quad mapped = source.Map(h);
        PixelPoint[] got = mapped.ToArray(), want = target.ToArray();
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(want[i].X, got[i].X, 2);
            Assert.Equal(want[i].Y, got[i].Y, 2);
        }
    }

    [Fact]
    public void Degenerate_quads_are_refused()
    {
        var line = new Quad(new PixelPoint(0, 0), new PixelPoint(1, 0), new PixelPoint(2, 0), new PixelPoint(3, 0));
        Assert.Throws<ArgumentException>(() => Homography.FromQuads(Rect(0, 0, 10, 10), line));
    }
}
