using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Tests.Geometry;

public sealed class MinAreaRectTests
{
    [Fact]
    public void Axis_aligned_rectangle_points_give_that_rectangle()
    {
        ImagePoint[] points =
        [
            new(10, 20), new(110, 20), new(110, 60), new(10, 60),
            new(60, 20), new(110, 40), new(60, 60), new(10, 40),
            new(50, 30), new(90, 55),
        ];

        RotatedRect rect = RectOf(points);

        Assert.Equal(4000f, rect.Area, 0.01f);
        Assert.Equal([40f, 100f], Sides(rect), new ToleranceComparer(0.001f));
        Assert.Equal(60f, rect.Center.X, 0.001f);
        Assert.Equal(40f, rect.Center.Y, 0.001f);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7.5)]
    [InlineData(15)]
    [InlineData(30)]
    [InlineData(45)]
    [InlineData(60)]
    [InlineData(89)]
    [InlineData(90)]
    [InlineData(135)]
    [InlineData(-20)]
    public void Rotated_rectangle_is_recovered(float degrees)
    {
        var center = new ImagePoint(200, 150);
        ImagePoint[] corners = Shapes.RotatedRectangle(center, 120, 30, degrees);
        var random = new Random(17);
        // Corners plus points inside, in random order.
        ImagePoint[] points = corners.Concat(Enumerable.Range(0, 40).Select(_ => Inside(corners, random))).ToArray();
        Shapes.Shuffle(random, points);

        RotatedRect rect = RectOf(points);

        Assert.Equal(3600f, rect.Area, 3600f * 1e-4f);
        Assert.Equal([30f, 120f], Sides(rect), new ToleranceComparer(0.01f));
        Assert.Equal(center.X, rect.Center.X, 0.01f);
        Assert.Equal(center.Y, rect.Center.Y, 0.01f);
        Assert.Equal(1f, (rect.AxisX * rect.AxisX) + (rect.AxisY * rect.AxisY), 1e-5f);
        // The axis runs along one of the rectangle's sides.
        float a = degrees * MathF.PI / 180;
        float along = MathF.Abs((rect.AxisX * MathF.Cos(a)) + (rect.AxisY * MathF.Sin(a)));
        float across = MathF.Abs((-rect.AxisX * MathF.Sin(a)) + (rect.AxisY * MathF.Cos(a)));
        Assert.Equal(1f, MathF.Max(along, across), 1e-4f);
    }

    [Fact]
    public void Random_clouds_are_enclosed_by_a_rect_no_larger_than_any_other_orientation()
    {
        var random = new Random(2024);
        for (int round = 0; round < 60; round++)
        {
            int n = random.Next(3, 80);
            float spreadX = 5 + (random.NextSingle() * 300), spreadY = 5 + (random.NextSingle() * 300);
            ImagePoint[] points = Enumerable.Range(0, n)
                .Select(_ => new ImagePoint(100 + (random.NextSingle() * spreadX), 50 + (random.NextSingle() * spreadY)))
                .ToArray();

            var hull = new ImagePoint[n + 1];
            int hullCount = ConvexHull.Compute(points.ToArray(), hull);
            RotatedRect rect = MinAreaRect.OfConvexPolygon(hull.AsSpan(0, hullCount));

            float tolerance = 1e-3f * MathF.Max(spreadX, spreadY);
            Assert.All(points, p => Assert.True(Shapes.Contains(rect, p, tolerance), $"round {round}: ({p.X}, {p.Y}) is outside {rect}"));
            float boundingArea = (points.Max(p => p.X) - points.Min(p => p.X)) * (points.Max(p => p.Y) - points.Min(p => p.Y));
            Assert.True(rect.Area <= boundingArea * (1 + 1e-4f), $"round {round}: {rect.Area} > bounding box {boundingArea}");
            Assert.True(rect.Area >= Shapes.PolygonArea(hull.AsSpan(0, hullCount)) * (1 - 1e-4f), $"round {round}: smaller than the hull");
            float bruteForce = BruteForceMinArea(points);
            Assert.True(rect.Area <= bruteForce * (1 + 1e-3f), $"round {round}: {rect.Area} > {bruteForce} found by trying angles");
        }
    }

    [Fact]
    public void Collinear_points_give_a_flat_rect_along_the_segment()
    {
        ImagePoint[] points = Enumerable.Range(0, 10).Select(i => new ImagePoint(i, i)).ToArray();
        Shapes.Shuffle(new Random(3), points);

        RotatedRect rect = RectOf(points);

        Assert.Equal(9 * MathF.Sqrt(2), MathF.Max(rect.Width, rect.Height), 1e-3f);
        Assert.Equal(0f, rect.ShortSide, 1e-3f);
        Assert.Equal(4.5f, rect.Center.X, 1e-3f);
        Assert.Equal(4.5f, rect.Center.Y, 1e-3f);
    }

    [Fact]
    public void Single_point_gives_a_zero_size_rect_at_that_point()
    {
        RotatedRect rect = RectOf([new ImagePoint(7, 9)]);

        Assert.Equal(new ImagePoint(7, 9), rect.Center);
        Assert.Equal(0f, rect.Area);
    }

    [Fact]
    public void Repeated_point_gives_a_zero_size_rect_at_that_point()
    {
        // A one-pixel run in the detector gives its start and end as the same point twice.
        RotatedRect twice = RectOf([new ImagePoint(7, 9), new ImagePoint(7, 9)]);
        RotatedRect fiveTimes = RectOf(Enumerable.Repeat(new ImagePoint(7, 9), 5).ToArray());

        Assert.Equal(0f, twice.Area);
        Assert.Equal(new ImagePoint(7, 9), twice.Center);
        Assert.Equal(0f, fiveTimes.Area);
        Assert.Equal(new ImagePoint(7, 9), fiveTimes.Center);
    }

    [Fact]
    public void No_points_give_an_empty_rect()
    {
        RotatedRect rect = RectOf([]);

        Assert.Equal(0f, rect.Area);
    }

    private static RotatedRect RectOf(ImagePoint[] points)
    {
        var hull = new ImagePoint[points.Length + 1];
        int n = ConvexHull.Compute(points.ToArray(), hull);
        return MinAreaRect.OfConvexPolygon(hull.AsSpan(0, n));
    }

    private static float[] Sides(RotatedRect rect) => [MathF.Min(rect.Width, rect.Height), MathF.Max(rect.Width, rect.Height)];

    private static ImagePoint Inside(ImagePoint[] corners, Random random)
    {
        // A convex combination of two adjacent edges spans the rectangle.
        float s = random.NextSingle(), t = random.NextSingle();
        ImagePoint o = corners[0], u = corners[1], v = corners[3];
        return new ImagePoint(o.X + (s * (u.X - o.X)) + (t * (v.X - o.X)), o.Y + (s * (u.Y - o.Y)) + (t * (v.Y - o.Y)));
    }

    private static float BruteForceMinArea(ImagePoint[] points)
    {
        double best = double.PositiveInfinity;
        for (int step = 0; step < 720; step++)
        {
            double a = step * Math.PI / 720;
            double c = Math.Cos(a), s = Math.Sin(a);
            double minU = double.PositiveInfinity, maxU = double.NegativeInfinity, minV = double.PositiveInfinity, maxV = double.NegativeInfinity;
            foreach (ImagePoint p in points)
            {
                double u = (p.X * c) + (p.Y * s), v = (-p.X * s) + (p.Y * c);
                minU = Math.Min(minU, u);
                maxU = Math.Max(maxU, u);
                minV = Math.Min(minV, v);
                maxV = Math.Max(maxV, v);
            }
            best = Math.Min(best, (maxU - minU) * (maxV - minV));
        }
        return (float)best;
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => MathF.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
