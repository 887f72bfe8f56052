using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Tests.Geometry;

public sealed class ConvexHullTests
{
    [Fact]
    public void Square_with_inner_and_edge_points_gives_its_four_corners()
    {
        ImagePoint[] points = [new(0, 0), new(5, 5), new(10, 0), new(5, 0), new(10, 10), new(0, 10), new(3, 7), new(0, 5)];
        var hull = new ImagePoint[points.Length + 1];

        int n = ConvexHull.Compute(points, hull);

        Assert.Equal(4, n);
        Assert.Equal(
            new HashSet<ImagePoint> { new(0, 0), new(10, 0), new(10, 10), new(0, 10) },
            hull.Take(n).ToHashSet());
    }

    [Fact]
    public void Random_clouds_give_a_strictly_convex_counter_clockwise_hull_around_every_point()
    {
        var random = new Random(5);
        for (int round = 0; round < 100; round++)
        {
            int count = random.Next(3, 100);
            // Integer coordinates, like pixel runs: many collinear and repeated points.
            ImagePoint[] points = Enumerable.Range(0, count).Select(_ => new ImagePoint(random.Next(0, 30), random.Next(0, 30))).ToArray();
            var hull = new ImagePoint[count + 1];

            int n = ConvexHull.Compute(points.ToArray(), hull);

            Assert.InRange(n, 1, count);
            Assert.All(hull.Take(n), h => Assert.Contains(h, points));
            if (n < 3)
            {
                continue;
            }
            for (int i = 0; i < n; i++)
            {
                ImagePoint a = hull[i], b = hull[(i + 1) % n], c = hull[(i + 2) % n];
                Assert.True(Cross(a, b, c) > 0, $"round {round}: hull turns the wrong way or has a collinear vertex at {b}");
            }
            foreach (ImagePoint p in points)
            {
                for (int i = 0; i < n; i++)
                {
                    Assert.True(Cross(hull[i], hull[(i + 1) % n], p) >= 0, $"round {round}: {p} is outside the hull");
                }
            }
        }
    }

    private static float Cross(ImagePoint o, ImagePoint a, ImagePoint b) => ((a.X - o.X) * (b.Y - o.Y)) - ((a.Y - o.Y) * (b.X - o.X));
}
