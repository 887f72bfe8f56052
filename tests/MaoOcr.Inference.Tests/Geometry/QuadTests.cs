using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Tests.Geometry;

public sealed class QuadTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-5)]
    [InlineData(20)]
    [InlineData(-20)]
    [InlineData(40)]
    [InlineData(-40)]
    public void FromCorners_orders_shuffled_corners_of_a_rotated_rectangle(float degrees)
    {
        ImagePoint[] corners = Shapes.RotatedRectangle(new ImagePoint(300, 200), 100, 20, degrees);
        Quad expected = Shapes.QuadOf(corners);
        var random = new Random(8);

        for (int round = 0; round < 30; round++)
        {
            ImagePoint[] shuffled = corners.ToArray();
            Shapes.Shuffle(random, shuffled);

            Assert.Equal(expected, Quad.FromCorners(shuffled));
        }
    }

    [Fact]
    public void FromCorners_refuses_anything_but_four_points()
    {
        Assert.Throws<ArgumentException>(() => Quad.FromCorners([new ImagePoint(0, 0), new ImagePoint(1, 0), new ImagePoint(1, 1)]));
        Assert.Throws<ArgumentException>(() => Quad.FromCorners(new ImagePoint[5]));
    }

    [Fact]
    public void Counter_clockwise_turn_moves_each_corner_one_place()
    {
        var q = new Quad(new ImagePoint(0, 0), new ImagePoint(10, 0), new ImagePoint(10, 4), new ImagePoint(0, 4));

        Quad turned = q.RotatedCounterClockwise();

        Assert.Equal(new Quad(q.P1, q.P2, q.P3, q.P0), turned);
        Assert.Equal(4f, turned.Width);
        Assert.Equal(10f, turned.Height);
    }

    [Fact]
    public void Four_quarter_turns_and_two_half_turns_are_the_identity()
    {
        var q = new Quad(new ImagePoint(1, 2), new ImagePoint(30, 5), new ImagePoint(28, 17), new ImagePoint(0, 12));

        Assert.Equal(q, q.RotatedCounterClockwise().RotatedCounterClockwise().RotatedCounterClockwise().RotatedCounterClockwise());
        Assert.Equal(q, q.Rotated180().Rotated180());
        Assert.Equal(q.RotatedCounterClockwise().RotatedCounterClockwise(), q.Rotated180());
        Assert.NotEqual(q, q.RotatedCounterClockwise());
        Assert.NotEqual(q, q.Rotated180());
    }

    [Fact]
    public void Width_and_height_are_the_longer_of_opposite_edges()
    {
        // A trapezoid: top edge 20 long, bottom 30; left edge 5, right edge 13 (5-12-13 triangle).
        var q = new Quad(new ImagePoint(0, 0), new ImagePoint(20, 0), new ImagePoint(25, 12), new ImagePoint(0, 5));

        Assert.Equal(MathF.Sqrt((25 * 25) + (7 * 7)), q.Width, 1e-4f);
        Assert.Equal(13f, q.Height, 1e-4f);
    }

    [Fact]
    public void Bounds_are_the_extremes_of_the_corners()
    {
        var q = new Quad(new ImagePoint(3, 8), new ImagePoint(40, 2), new ImagePoint(42, 20), new ImagePoint(1, 25));

        Assert.Equal(2f, q.MinY);
        Assert.Equal(25f, q.MaxY);
        Assert.Equal(1f, q.MinX);
        Assert.Equal([q.P0, q.P1, q.P2, q.P3], q.ToArray());
    }

    [Fact]
    public void Rotated_rect_to_quad_reads_along_its_long_side()
    {
        float a = 15 * MathF.PI / 180;
        var rect = new RotatedRect(new ImagePoint(100, 100), 80, 20, MathF.Cos(a), MathF.Sin(a));

        Quad q = rect.ToQuad();

        Assert.Equal(80f, q.Width, 1e-3f);
        Assert.Equal(20f, q.Height, 1e-3f);
        Assert.True(q.P1.X > q.P0.X && q.P1.Y > q.P0.Y, "P0→P1 should run right and down at +15°");
    }
}
