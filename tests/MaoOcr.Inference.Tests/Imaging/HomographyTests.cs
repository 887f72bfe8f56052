using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Imaging;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Tests.Imaging;

public sealed class HomographyTests
{
    private static readonly Dictionary<string, Quad> s_quads = new()
    {
        ["axis-aligned rectangle"] = new Quad(new ImagePoint(10, 20), new ImagePoint(110, 20), new ImagePoint(110, 50), new ImagePoint(10, 50)),
        ["parallelogram (affine)"] = new Quad(new ImagePoint(10, 20), new ImagePoint(110, 40), new ImagePoint(120, 70), new ImagePoint(20, 50)),
        ["trapezoid (projective)"] = new Quad(new ImagePoint(0, 0), new ImagePoint(100, 10), new ImagePoint(100, 40), new ImagePoint(0, 50)),
        ["general convex quad"] = new Quad(new ImagePoint(13, 7), new ImagePoint(210, 31), new ImagePoint(190, 96), new ImagePoint(4, 60)),
        ["turned a quarter"] = new Quad(new ImagePoint(110, 20), new ImagePoint(110, 50), new ImagePoint(10, 50), new ImagePoint(10, 20)),
    };

    public static TheoryData<string> Quads => new(s_quads.Keys);

    [Theory]
    [MemberData(nameof(Quads))]
    public void Unit_square_corners_map_to_the_quad_corners(string name)
    {
        Quad quad = s_quads[name];
        var h = new Homography(quad);

        AssertPoint(quad.P0, h.Map(0, 0), name);
        AssertPoint(quad.P1, h.Map(1, 0), name);
        AssertPoint(quad.P2, h.Map(1, 1), name);
        AssertPoint(quad.P3, h.Map(0, 1), name);
    }

    [Theory]
    [MemberData(nameof(Quads))]
    public void Square_centre_maps_to_where_the_diagonals_cross(string name)
    {
        Quad quad = s_quads[name];
        // A projective map keeps lines and where they meet, so the centre goes to the diagonals' intersection.
        var h = new Homography(quad);

        AssertPoint(Intersection(quad.P0, quad.P2, quad.P1, quad.P3), h.Map(0.5f, 0.5f), name);
    }

    [Fact]
    public void Random_convex_quads_map_corners_and_edges_exactly()
    {
        var random = new Random(808);
        for (int round = 0; round < 500; round++)
        {
            // A rectangle with each corner pushed by up to a fifth of the smaller side stays convex.
            float w = 20 + (random.NextSingle() * 400), hgt = 10 + (random.NextSingle() * 100), x = random.NextSingle() * 500, y = random.NextSingle() * 500;
            float j = MathF.Min(w, hgt) / 5;
            ImagePoint Jitter(float px, float py) => new(px + ((random.NextSingle() * 2) - 1) * j, py + ((random.NextSingle() * 2) - 1) * j);
            var quad = new Quad(Jitter(x, y), Jitter(x + w, y), Jitter(x + w, y + hgt), Jitter(x, y + hgt));
            var h = new Homography(quad);

            AssertPoint(quad.P0, h.Map(0, 0), $"round {round}");
            AssertPoint(quad.P1, h.Map(1, 0), $"round {round}");
            AssertPoint(quad.P2, h.Map(1, 1), $"round {round}");
            AssertPoint(quad.P3, h.Map(0, 1), $"round {round}");
            // A point on the top edge of the square stays on the quad's top edge.
            (float ex, float ey) = h.Map(random.NextSingle(), 0);
            float cross = ((quad.P1.X - quad.P0.X) * (ey - quad.P0.Y)) - ((quad.P1.Y - quad.P0.Y) * (ex - quad.P0.X));
            Assert.True(MathF.Abs(cross) / w < 0.01f, $"round {round}: ({ex}, {ey}) is off the top edge");
        }
    }

    private static void AssertPoint(ImagePoint expected, (float X, float Y) actual, string context)
    {
        Assert.True(MathF.Abs(expected.X - actual.X) < 1e-3f && MathF.Abs(expected.Y - actual.Y) < 1e-3f,
            $"{context}: expected ({expected.X}, {expected.Y}), got ({actual.X}, {actual.Y})");
    }

    private static ImagePoint Intersection(ImagePoint a, ImagePoint b, ImagePoint c, ImagePoint d)
    {
        double den = ((double)(a.X - b.X) * (c.Y - d.Y)) - ((double)(a.Y - b.Y) * (c.X - d.X));
        double t = (((double)(a.X - c.X) * (c.Y - d.Y)) - ((double)(a.Y - c.Y) * (c.X - d.X))) / den;
        return new ImagePoint((float)(a.X + (t * (b.X - a.X))), (float)(a.Y + (t * (b.Y - a.Y))));
    }
}
